package com.shopkeeper.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import org.junit.jupiter.api.Test;

/**
 * The pictures in statemachine-diagrams/ must be the transition table's: this test fails when
 * they are stale. Regenerate them all with one command:
 * {@code ./sk test -Dtest=StateMachineDiagramsTest -Dshopkeeper.diagrams.write=true}
 */
class StateMachineDiagramsTest {

    static final Path DIR = Path.of("statemachine-diagrams");
    static final boolean WRITE = Boolean.getBoolean("shopkeeper.diagrams.write");

    @Test
    void diagramsAreRenderedFromTheCurrentTable() throws Exception {
        String puml = MachineDiagrams.plantUml();
        String mermaid = MachineDiagrams.mermaid();
        String stamp = "<!-- source-sha256: " + sha256(puml) + " -->";
        if (WRITE) {
            Files.writeString(DIR.resolve("conversation.puml"), puml);
            Files.writeString(DIR.resolve("conversation.mmd"), mermaid);
            Files.writeString(DIR.resolve("conversation.svg"), stamp + "\n" + svg(puml));
        }
        String hint = "stale: regenerate with ./sk test -Dtest=StateMachineDiagramsTest -Dshopkeeper.diagrams.write=true";
        assertThat(Files.readString(DIR.resolve("conversation.puml"))).as(hint).isEqualTo(puml);
        assertThat(Files.readString(DIR.resolve("conversation.mmd"))).as(hint).isEqualTo(mermaid);
        String svg = Files.readString(DIR.resolve("conversation.svg"));
        assertThat(svg).as(hint).startsWith(stamp);
        for (State s : State.values()) {
            assertThat(svg).contains(s.name());
        }
    }

    @Test
    void everyRowOfTheTableIsOnThePicture() {
        String puml = MachineDiagrams.plantUml();
        String mermaid = MachineDiagrams.mermaid();
        for (TransitionTable.Row row : TransitionTable.rows()) {
            assertThat(puml).contains(row.event().wireName());
            assertThat(mermaid).contains(row.from() + " --> " + row.to());
        }
    }

    private static String svg(String puml) throws IOException {
        var out = new ByteArrayOutputStream();
        new SourceStringReader(puml).outputImage(out, new FileFormatOption(FileFormat.SVG));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
