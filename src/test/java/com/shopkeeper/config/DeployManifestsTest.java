package com.shopkeeper.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production layout in {@code deploy/} (docs/deploy.md) says only what the application understands:
 * every environment variable that the compose file and the Kubernetes manifests give an instance
 * is, by Spring's relaxed binding, a property the application binds (with a value of its type), and
 * every health and metrics path they probe answers 200 on a running application, with the
 * credentials the manifest gives and without any where it gives none. Graceful stops outlast the
 * drain, and no secret is written into a file.
 */
class DeployManifestsTest {

    static final Path DEPLOY = Path.of("deploy");

    /** Read by conditions straight from the environment, so no @ConfigurationProperties record holds them. */
    static final Set<String> READ_BY_CONDITIONS = Set.of(
            "shopkeeper.roles",          // config/OnRoleCondition
            "shopkeeper.llm.provider");  // llm/LlmProviderCondition
    static final Set<String> LLM_PROVIDERS = Set.of("offline", "anthropic", "openai");
    /** Variables for the JVM rather than Spring. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ");
    /** Spring Boot properties the application never reads: config/DatabaseConfig builds the pool from shopkeeper.db.*. */
    static final List<String> IGNORED_BY_THE_APPLICATION = List.of("spring.datasource");
    /** Names whose values are credentials: never written into a file, only referenced. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(TOKEN|SECRET|PASSWORD|API_KEY|ACCOUNT_SID)$|^SHOPKEEPER_DB_URL$|^SPRING_DATA_REDIS_URL$");

    static Layout layout;
    static PrivateRedis redis;
    static ConfigurableApplicationContext app;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        layout = Layout.read(DEPLOY);
        redis = PrivateRedis.start(false);
        // The web and management settings the manifests give (probes and scrapes depend on them) apply
        // to the application the probes are tried on, as environment variables, the way they arrive.
        Map<String, Object> web = layout.webSettings();
        app = TestApps.start(Files.createTempDirectory("deploy-manifests"), redis.url(), Map.of(),
                ctx -> ctx.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, web)));
        http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void theLayoutHasGatewaysWorkersAndProbes() {
        assertThat(layout.units).extracting(Unit::name).contains(
                "compose.yaml: service gateway", "compose.yaml: service worker",
                "k8s/gateway.yaml: Deployment shopkeeper-gateway", "k8s/worker.yaml: Deployment shopkeeper-worker");
        assertThat(layout.units).allSatisfy(unit -> assertThat(unit.env()).containsKey("SHOPKEEPER_ROLES"));
        assertThat(layout.probes).extracting(Probe::kind).contains("startupProbe", "livenessProbe", "readinessProbe",
                "healthcheck", "PodMonitor", "scrape_configs");
    }

    @Test
    void everySettingIsAPropertyTheApplicationBinds() {
        List<String> problems = new ArrayList<>();
        for (Unit unit : layout.units) {
            unit.env().forEach((name, value) -> {
                String problem = PropertyCheck.check(app, name, value);
                if (problem != null) {
                    problems.add(unit.name() + ": " + name + " " + problem);
                }
            });
        }
        assertThat(problems).as("settings in deploy/ that the application would not take").isEmpty();
    }

    @Test
    void aMisspelledOrMistypedSettingIsCaught() {
        assertThat(PropertyCheck.check(app, "SHOPKEEPER_QUEUE_DRAIN_TIMEOUT", "45s")).isNull();
        assertThat(PropertyCheck.check(app, "SHOPKEEPER_QUEUE_DRAIN_TIMEOUTS", "45s")).contains("no such property");
        assertThat(PropertyCheck.check(app, "SHOPKEEPER_QUEUE_DRAIN_TIMEOUT", "soon")).contains("not a value");
        assertThat(PropertyCheck.check(app, "SHOPKEEPER_QUEUE_SHARDS", "4")).isNull();
        assertThat(PropertyCheck.check(app, "SHOPKEEPER_QUEUE_PARTITIONS", "4")).contains("no such property");
        assertThat(PropertyCheck.check(app, "SPRING_DATA_REDIS_CLUSTER_NODES", "a:1,b:2")).isNull();
        assertThat(PropertyCheck.check(app, "SPRING_DATA_REDIS_CLUSTR_NODES", "a:1,b:2")).contains("no such property");
        assertThat(PropertyCheck.check(app, "SPRING_DATASOURCE_PASSWORD", "x")).contains("never reads");
        assertThat(PropertyCheck.check(app, "SHOPKEEPER_ROLES", "gateway,cook")).contains("not a value");
        assertThat(PropertyCheck.check(app, "SHOPKEPER_ROLES", "worker")).contains("not a Spring property");
        assertThat(PropertyCheck.check(app, "SHOPKEEPER_TWILIO_TEMPLATES_SHIPPED", "HX0")).isNull();
        assertThat(PropertyCheck.check(app, "MANAGEMENT_ENDPOINT_HEALTH_GROUP_READINESS_INCLUDE", "readinessState")).isNull();
    }

    @Test
    void everyProbeAndScrapePathAnswers() {
        String viewer = http.withToken(AppTest.ADMIN_TOKEN)
                .postJson("/api/admin/tokens", Map.of("name", "deploy-manifests-scraper", "role", "VIEWER"))
                .json().get("token").asString();
        int appPort = layout.appPort();
        List<String> problems = new ArrayList<>();
        for (Probe probe : layout.probes) {
            if (probe.port() != appPort) {
                problems.add(probe + ": port " + probe.port() + " is not the application's " + appPort);
            }
            Http client = probe.withCredentials() ? http.withToken(viewer) : http;
            Http.Response answer = client.get(probe.path());
            if (answer.status() != 200) {
                problems.add(probe + ": " + answer.status());
            }
            if (probe.withCredentials() && http.get(probe.path()).status() == 200) {
                problems.add(probe + " sends credentials to a path that is open");
            }
        }
        assertThat(problems).as("probes in deploy/ that would fail").isEmpty();
    }

    @Test
    void theMetricsTheManifestsNameAreScraped() {
        String viewer = http.withToken(AppTest.ADMIN_TOKEN)
                .postJson("/api/admin/tokens", Map.of("name", "deploy-manifests-hpa", "role", "VIEWER"))
                .json().get("token").asString();
        String scrape = http.withToken(viewer).get("/actuator/prometheus").body();
        assertThat(layout.metrics).isNotEmpty();
        assertThat(layout.metrics).allSatisfy(metric -> assertThat(scrape).contains("\n" + metric));
    }

    @Test
    void aStopOutlastsTheDrainOfTurnsAndRequests() {
        Binder defaults = Binder.get(app.getEnvironment());
        List<String> problems = new ArrayList<>();
        for (Unit unit : layout.units) {
            Binder binder = new Binder(PropertyCheck.sources(unit.env()));
            Duration drain = binder.bind("shopkeeper.queue.drain-timeout", Duration.class).orElse(Duration.ofSeconds(20));
            Duration requests = binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                    .orElseGet(() -> defaults.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                            .orElse(Duration.ofSeconds(30)));
            // preStop, then the waits of the roles the instance has: the queue's drain and the web server's
            // graceful shutdown stop in the same lifecycle phase and the drain blocks, so an instance with
            // both roles may wait out one after the other; then leaving the queue and closing.
            List<String> roles = OnRoleCondition.roles(binder);
            Duration needed = unit.preStop()
                    .plus(roles.contains("worker") ? drain : Duration.ZERO)
                    .plus(roles.contains("gateway") ? requests : Duration.ZERO)
                    .plusSeconds(5);
            if (unit.grace().compareTo(needed) < 0) {
                problems.add(unit + ": killed after " + unit.grace() + ", a graceful stop may take " + needed);
            }
            // Long enough for a turn whose model call times out (20 s) and then makes a payment link
            // (Stripe's read timeout, 20 s): docs/deploy.md.
            if (drain.compareTo(Duration.ofSeconds(40)) < 0) {
                problems.add(unit + ": shopkeeper.queue.drain-timeout " + drain + " is shorter than a slow turn");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void secretsAreReferencedNeverWritten() {
        List<String> problems = new ArrayList<>();
        for (Unit unit : layout.units) {
            unit.env().forEach((name, value) -> {
                if (SECRET_NAME.matcher(name).matches() && !unit.secretNames().contains(name)) {
                    problems.add(unit.name() + ": " + name + " is written in the file, not referenced");
                }
            });
        }
        layout.secretTemplateValues.forEach((where, value) -> {
            if (!value.contains("<")) {
                problems.add(where + " is not a <placeholder>");
            }
        });
        assertThat(layout.secretTemplateValues).isNotEmpty();
        assertThat(problems).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------

    /** One kind of instance the layout starts: a compose service or a Kubernetes Deployment. */
    record Unit(String name, Map<String, String> env, Set<String> secretNames, Duration grace, Duration preStop) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A path something outside calls on an instance: a probe, a healthcheck, a scrape. */
    record Probe(String where, String kind, String path, int port, boolean withCredentials) {
        @Override
        public String toString() {
            return where + " " + kind + " " + path;
        }
    }

    /** What deploy/ asks of the application, read from its files. */
    static final class Layout {
        final List<Unit> units = new ArrayList<>();
        final List<Probe> probes = new ArrayList<>();
        final Set<String> metrics = new LinkedHashSet<>();
        final Map<String, String> secretTemplateValues = new LinkedHashMap<>();
        final Set<Integer> appPorts = new LinkedHashSet<>();

        static Layout read(Path deploy) throws IOException {
            Layout layout = new Layout();
            layout.readCompose(deploy.resolve("compose.yaml"));
            layout.readPrometheus(deploy.resolve("prometheus.yml"));
            try (Stream<Path> files = Files.list(deploy.resolve("k8s"))) {
                List<Map<String, Object>> docs = new ArrayList<>();
                Map<Map<String, Object>, String> fileOf = new java.util.IdentityHashMap<>();
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    for (Map<String, Object> doc : loadAll(file)) {
                        docs.add(doc);
                        fileOf.put(doc, "k8s/" + file.getFileName());
                    }
                }
                layout.readKubernetes(docs, fileOf);
            }
            return layout;
        }

        int appPort() {
            assertThat(appPorts).as("the application's port in every manifest").hasSize(1);
            return appPorts.iterator().next();
        }

        /** server.*, management.* and spring.lifecycle.* as the manifests set them; they must agree. */
        Map<String, Object> webSettings() {
            Map<String, Object> web = new LinkedHashMap<>();
            for (Unit unit : units) {
                unit.env().forEach((name, value) -> {
                    if ((name.startsWith("SERVER_") || name.startsWith("MANAGEMENT_") || name.startsWith("SPRING_LIFECYCLE_"))
                            && !name.equals("SERVER_PORT")) {
                        Object before = web.putIfAbsent(name, value);
                        assertThat(before == null || before.equals(value))
                                .as("%s is %s in one manifest and %s in another", name, before, value).isTrue();
                    }
                });
            }
            return web;
        }

        private void readCompose(Path file) throws IOException {
            Map<String, Object> compose = load(file);
            Map<String, Object> services = map(compose.get("services"));
            services.forEach((name, value) -> {
                Map<String, Object> service = map(value);
                String image = String.valueOf(service.get("image"));
                if (!image.startsWith("shopkeeper")) {
                    return;   // postgres, redis, caddy, prometheus
                }
                String where = "compose.yaml: service " + name;
                Map<String, String> env = new LinkedHashMap<>();
                Set<String> referenced = new LinkedHashSet<>();
                Object environment = service.get("environment");
                if (environment instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
                } else if (environment instanceof List<?> l) {
                    l.forEach(item -> {
                        String s = String.valueOf(item);
                        int eq = s.indexOf('=');
                        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
                    });
                }
                env.replaceAll((k, v) -> {
                    if (v.contains("${")) {
                        referenced.add(k);
                    }
                    return interpolate(v);
                });
                units.add(new Unit(where, env, referenced, duration(service.get("stop_grace_period")), Duration.ZERO));
                List<?> test = (List<?>) map(service.get("healthcheck")).get("test");
                String url = test.stream().map(String::valueOf).filter(s -> s.startsWith("http")).findFirst().orElseThrow();
                boolean credentials = test.stream().map(String::valueOf).anyMatch(s -> s.toLowerCase().startsWith("authorization"));
                URI uri = URI.create(url);
                probes.add(new Probe(where, "healthcheck", uri.getRawPath(), uri.getPort(), credentials));
                appPorts.add(8080);
            });
        }

        private void readPrometheus(Path file) throws IOException {
            for (Object job : (List<?>) load(file).get("scrape_configs")) {
                Map<String, Object> scrape = map(job);
                String path = String.valueOf(scrape.getOrDefault("metrics_path", "/metrics"));
                boolean credentials = scrape.containsKey("authorization") || scrape.containsKey("bearer_token_file");
                for (Object sd : (List<?>) scrape.getOrDefault("dns_sd_configs", List.of())) {
                    probes.add(new Probe("prometheus.yml: job " + scrape.get("job_name"), "scrape_configs", path,
                            ((Number) map(sd).get("port")).intValue(), credentials));
                }
            }
        }

        private void readKubernetes(List<Map<String, Object>> docs, Map<Map<String, Object>, String> fileOf) {
            Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
            Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
            for (Map<String, Object> doc : docs) {
                String kind = String.valueOf(doc.get("kind"));
                String name = String.valueOf(map(doc.get("metadata")).get("name"));
                if (kind.equals("ConfigMap")) {
                    configMaps.put(name, strings(map(doc.get("data"))));
                } else if (kind.equals("Secret")) {
                    Map<String, String> values = strings(map(doc.getOrDefault("stringData", Map.of())));
                    values.putAll(strings(map(doc.getOrDefault("data", Map.of()))));
                    secrets.put(name, values);
                    values.forEach((k, v) -> secretTemplateValues.put(fileOf.get(doc) + ": Secret " + name + " " + k, v));
                }
            }
            Map<String, Integer> namedPorts = new LinkedHashMap<>();
            Map<String, List<String>> servicePorts = new LinkedHashMap<>();
            for (Map<String, Object> doc : docs) {
                if (!"Deployment".equals(doc.get("kind"))) {
                    continue;
                }
                String where = fileOf.get(doc) + ": Deployment " + map(doc.get("metadata")).get("name");
                Map<String, Object> pod = map(map(map(doc.get("spec")).get("template")).get("spec"));
                Duration grace = pod.containsKey("terminationGracePeriodSeconds")
                        ? Duration.ofSeconds(((Number) pod.get("terminationGracePeriodSeconds")).longValue()) : Duration.ofSeconds(30);
                for (Object c : (List<?>) pod.get("containers")) {
                    Map<String, Object> container = map(c);
                    Map<String, String> env = new LinkedHashMap<>();
                    Set<String> referenced = new LinkedHashSet<>();
                    for (Object from : (List<?>) container.getOrDefault("envFrom", List.of())) {
                        Map<String, Object> source = map(from);
                        if (source.containsKey("configMapRef")) {
                            String ref = String.valueOf(map(source.get("configMapRef")).get("name"));
                            assertThat(configMaps).as(where + " names ConfigMap " + ref).containsKey(ref);
                            env.putAll(configMaps.get(ref));
                        } else if (source.containsKey("secretRef")) {
                            String ref = String.valueOf(map(source.get("secretRef")).get("name"));
                            assertThat(secrets).as(where + " names Secret " + ref + " (secret.example.yaml)").containsKey(ref);
                            env.putAll(secrets.get(ref));
                            referenced.addAll(secrets.get(ref).keySet());
                        }
                    }
                    for (Object e : (List<?>) container.getOrDefault("env", List.of())) {
                        Map<String, Object> var = map(e);
                        String name = String.valueOf(var.get("name"));
                        if (var.containsKey("valueFrom")) {
                            Map<String, Object> from = map(var.get("valueFrom"));
                            if (from.containsKey("secretKeyRef")) {
                                referenced.add(name);
                            }
                            env.put(name, "<" + from.keySet().iterator().next() + ">");
                        } else {
                            env.put(name, String.valueOf(var.getOrDefault("value", "")));
                        }
                    }
                    Map<String, Integer> ports = new LinkedHashMap<>();
                    for (Object p : (List<?>) container.getOrDefault("ports", List.of())) {
                        Map<String, Object> port = map(p);
                        ports.put(String.valueOf(port.get("name")), ((Number) port.get("containerPort")).intValue());
                    }
                    namedPorts.putAll(ports);
                    appPorts.addAll(ports.values());
                    Duration preStop = Duration.ZERO;
                    Object stopHook = map(map(container.getOrDefault("lifecycle", Map.of())).getOrDefault("preStop", Map.of()))
                            .get("exec");
                    if (stopHook != null) {
                        List<?> command = (List<?>) map(stopHook).get("command");
                        preStop = command.getFirst().equals("sleep") ? Duration.ofSeconds(Long.parseLong(String.valueOf(command.get(1))))
                                : Duration.ofSeconds(grace.toSeconds());
                    }
                    units.add(new Unit(where, env, referenced, grace, preStop));
                    for (String kind : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        Map<String, Object> probe = map(container.get(kind));
                        assertThat(probe).as(where + " " + kind).isNotEmpty();
                        Map<String, Object> get = map(probe.get("httpGet"));
                        assertThat(get).as(where + " " + kind + " is an HTTP GET").isNotEmpty();
                        boolean credentials = ((List<?>) get.getOrDefault("httpHeaders", List.of())).stream()
                                .anyMatch(h -> "authorization".equalsIgnoreCase(String.valueOf(map(h).get("name"))));
                        probes.add(new Probe(where, kind, String.valueOf(get.get("path")), port(get.get("port"), ports),
                                credentials));
                    }
                }
            }
            for (Map<String, Object> doc : docs) {
                String kind = String.valueOf(doc.get("kind"));
                Map<String, Object> spec = map(doc.get("spec"));
                String where = fileOf.get(doc) + ": " + kind + " " + map(doc.get("metadata")).get("name");
                if (kind.equals("PodMonitor")) {
                    for (Object e : (List<?>) spec.get("podMetricsEndpoints")) {
                        Map<String, Object> endpoint = map(e);
                        boolean credentials = endpoint.containsKey("authorization") || endpoint.containsKey("bearerTokenSecret");
                        if (credentials) {
                            Map<String, Object> ref = map(map(endpoint.get("authorization")).get("credentials"));
                            assertThat(secrets).as(where + " names Secret " + ref.get("name")).containsKey(String.valueOf(ref.get("name")));
                        }
                        probes.add(new Probe(where, kind, String.valueOf(endpoint.get("path")),
                                port(endpoint.get("port"), namedPorts), credentials));
                    }
                } else if (kind.equals("HorizontalPodAutoscaler")) {
                    for (Object m : (List<?>) spec.get("metrics")) {
                        Map<String, Object> metric = map(m);
                        Map<String, Object> source = map(metric.get(switch (String.valueOf(metric.get("type"))) {
                            case "External" -> "external";
                            case "Pods" -> "pods";
                            case "Object" -> "object";
                            default -> "resource";
                        }));
                        Object name = map(source.get("metric")).get("name");
                        if (name != null) {
                            metrics.add(String.valueOf(name));
                        }
                    }
                } else if (kind.equals("Service")) {
                    for (Object p : (List<?>) spec.get("ports")) {
                        Object target = map(p).get("targetPort");
                        assertThat(target instanceof Number || namedPorts.containsKey(String.valueOf(target)))
                                .as(where + " targets port " + target + " of the application").isTrue();
                    }
                    servicePorts.put(String.valueOf(map(doc.get("metadata")).get("name")), ((List<?>) spec.get("ports")).stream()
                            .map(p -> String.valueOf(map(p).get("name"))).toList());
                }
            }
            for (Map<String, Object> doc : docs) {
                if ("Ingress".equals(doc.get("kind"))) {
                    String where = fileOf.get(doc) + ": Ingress " + map(doc.get("metadata")).get("name");
                    for (Object rule : (List<?>) map(doc.get("spec")).get("rules")) {
                        for (Object path : (List<?>) map(map(rule).get("http")).get("paths")) {
                            Map<String, Object> service = map(map(map(path).get("backend")).get("service"));
                            String name = String.valueOf(service.get("name"));
                            assertThat(servicePorts).as(where + " sends to Service " + name).containsKey(name);
                            Object port = map(service.get("port")).get("name");
                            if (port != null) {
                                assertThat(servicePorts.get(name)).as(where + " sends to port " + port).contains(String.valueOf(port));
                            }
                        }
                    }
                }
            }
        }

        private static int port(Object port, Map<String, Integer> named) {
            if (port instanceof Number n) {
                return n.intValue();
            }
            assertThat(named).as("a named port " + port).containsKey(String.valueOf(port));
            return named.get(String.valueOf(port));
        }
    }

    /** Whether a variable is, by relaxed binding, a property the application takes, with a value it takes. */
    static final class PropertyCheck {

        private static volatile List<MetadataProperty> bootMetadata;

        /** @return null when it is, else what is wrong */
        static String check(ConfigurableApplicationContext app, String variable, String value) {
            if (JVM_VARIABLES.contains(variable)) {
                return null;
            }
            if (!Pattern.matches("(SHOPKEEPER|SPRING|SERVER|MANAGEMENT|LOGGING)_[A-Z0-9_]+", variable)) {
                return "is not a Spring property (nor one of " + JVM_VARIABLES + ")";
            }
            Map<String, Object> env = Map.of(variable, value);
            ConfigurationPropertySource source = sources(env).iterator().next();
            for (String ignored : IGNORED_BY_THE_APPLICATION) {
                if (source.containsDescendantOf(ConfigurationPropertyName.of(ignored)) == ConfigurationPropertyState.PRESENT) {
                    return "is " + ignored + ".*, which Shopkeeper never reads (it builds its pool from shopkeeper.db.*)";
                }
            }
            Binder binder = new Binder(sources(env));
            for (String property : READ_BY_CONDITIONS) {
                if (source.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null) {
                    return conditionValue(binder, property, value);
                }
            }
            // Each @ConfigurationProperties type of the application (Shopkeeper's and Spring Boot's),
            // bound afresh from this variable alone: taken if some field took it.
            for (ConfigurationPropertiesBean bean : ConfigurationPropertiesBean.getAll(app).values()) {
                String prefix = bean.getAnnotation().prefix().isEmpty() ? bean.getAnnotation().value() : bean.getAnnotation().prefix();
                if (source.containsDescendantOf(ConfigurationPropertyName.of(prefix)) == ConfigurationPropertyState.ABSENT) {
                    continue;
                }
                Taken taken = new Taken();
                try {
                    binder.bind(prefix, Bindable.of(bean.asBindTarget().getType()), taken);
                } catch (BindException e) {
                    if (causedBy(e, ConversionException.class)) {
                        return "= '" + value + "' is not a value of " + e.getTarget().getType() + " (" + e.getName() + ")";
                    }
                    // Anything else (a record that insists on a companion setting) still shows what it took.
                }
                if (taken.any) {
                    return null;
                }
            }
            if (variable.startsWith("SHOPKEEPER_")) {
                return "names no such property (no shopkeeper.* record binds it)";
            }
            // Spring Boot properties whose types this application has not registered: the boot jars' metadata.
            for (MetadataProperty property : bootMetadata()) {
                ConfigurationPropertyName name = ConfigurationPropertyName.of(property.name());
                boolean exact = source.getConfigurationProperty(name) != null;
                boolean nested = property.container() && source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT;
                if (exact || nested) {
                    if (exact && property.type() != null) {
                        try {
                            binder.bind(name, Bindable.of(property.type()));
                        } catch (BindException e) {
                            return "= '" + value + "' is not a value of " + property.type().getName() + " (" + property.name() + ")";
                        }
                    }
                    return null;
                }
            }
            return "names no such property (not in Spring Boot's configuration metadata)";
        }

        static Iterable<ConfigurationPropertySource> sources(Map<String, ?> env) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) env;
            return ConfigurationPropertySources.from(
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, values));
        }

        private static String conditionValue(Binder binder, String property, String value) {
            try {
                if (property.equals("shopkeeper.roles")) {
                    OnRoleCondition.roles(binder);
                } else if (!LLM_PROVIDERS.contains(value.strip().toLowerCase(java.util.Locale.ROOT))) {
                    throw new IllegalStateException("one of " + LLM_PROVIDERS);
                }
                return null;
            } catch (IllegalStateException e) {
                return "= '" + value + "' is not a value of " + property + ": " + e.getMessage();
            }
        }

        private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }

        /** Records whether binding took a value from the source. */
        static final class Taken implements BindHandler {
            boolean any;

            @Override
            public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                if (context.getConfigurationProperty() != null) {
                    any = true;
                }
                return result;
            }
        }

        record MetadataProperty(String name, Class<?> type, boolean container) {
        }

        /** Every META-INF/spring-configuration-metadata.json on the class path, less properties removed. */
        static List<MetadataProperty> bootMetadata() {
            if (bootMetadata != null) {
                return bootMetadata;
            }
            List<MetadataProperty> all = new ArrayList<>();
            JsonMapper json = JsonMapper.builder().build();
            ClassLoader loader = DeployManifestsTest.class.getClassLoader();
            try {
                for (URL url : Collections.list(loader.getResources("META-INF/spring-configuration-metadata.json"))) {
                    try (InputStream in = url.openStream()) {
                        for (JsonNode p : json.readTree(in).path("properties")) {
                            if ("error".equals(p.path("deprecation").path("level").asString(""))) {
                                continue;
                            }
                            String type = p.path("type").asString("");
                            String raw = type.contains("<") ? type.substring(0, type.indexOf('<')) : type;
                            Class<?> resolved = null;
                            boolean container = false;
                            try {
                                if (!raw.isEmpty()) {
                                    Class<?> c = ClassUtils.forName(raw, loader);
                                    container = Map.class.isAssignableFrom(c) || java.util.Collection.class.isAssignableFrom(c)
                                            || c.isArray();
                                    resolved = type.contains("<") ? null : c;
                                }
                            } catch (ClassNotFoundException | LinkageError e) {
                                // a type of a module this application does not use: the name still counts
                            }
                            all.add(new MetadataProperty(p.path("name").asString(), resolved, container));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bootMetadata = all;
            return all;
        }
    }

    // ---- YAML ----------------------------------------------------------------------------------------

    static Map<String, Object> load(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return new Yaml().load(in);
        }
    }

    static List<Map<String, Object>> loadAll(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml().loadAll(in)) {
                if (doc != null) {
                    docs.add(map(doc));
                }
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Objects.toString(v, "")));
        return out;
    }

    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::?([-?])([^}]*))?}");

    /** Compose's ${VAR:-default} is its default; a required or plain ${VAR} stands for some value. */
    static String interpolate(String value) {
        Matcher m = COMPOSE_VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = "-".equals(m.group(2)) ? m.group(3) : "value-of-" + m.group(1).toLowerCase();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    static Duration duration(Object compose) {
        if (compose == null) {
            return Duration.ofSeconds(10);   // compose's default
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(String.valueOf(compose));
        Duration total = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return total;
    }
}
