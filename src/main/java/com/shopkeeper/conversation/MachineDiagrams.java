package com.shopkeeper.conversation;

import com.shopkeeper.conversation.TransitionTable.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@link TransitionTable} as PlantUML and Mermaid state diagrams. Edges between the same two
 * states are merged into one, labelled with every event (and its guard); outside events are dashed.
 */
public final class MachineDiagrams {

    private MachineDiagrams() {
    }

    private record Edge(State from, State to) {
    }

    private static Map<Edge, List<Row>> edges() {
        Map<Edge, List<Row>> edges = new LinkedHashMap<>();
        for (Row row : TransitionTable.rows()) {
            edges.computeIfAbsent(new Edge(row.from(), row.to()), e -> new ArrayList<>()).add(row);
        }
        return edges;
    }

    private static String label(Row row) {
        String label = row.guard() == Guard.NONE ? row.event().wireName() : row.event().wireName() + " [" + row.guard().label() + "]";
        // Offered to the model only sometimes (the table's offered column): said after the guard.
        return row.offered() == TransitionTable.Offer.ALWAYS ? label : label + " {" + row.offered().label() + "}";
    }

    public static String plantUml() {
        StringBuilder out = new StringBuilder();
        out.append("@startuml conversation\n");
        out.append("' Generated from TransitionTable.java: do not edit. Regenerate with\n");
        out.append("' ./sk test -Dtest=StateMachineDiagramsTest -Dshopkeeper.diagrams.write=true\n");
        out.append("!pragma layout smetana\n");
        out.append("hide empty description\n");
        out.append("skinparam state {\n  BackgroundColor #F4F8FB\n  BorderColor #3B6E8F\n}\n");
        out.append("[*] --> ").append(State.INITIAL).append('\n');
        edges().forEach((edge, rows) -> {
            boolean outside = rows.stream().noneMatch(r -> r.event().isFunction());
            String arrow = outside ? " -[#888888,dashed]-> " : " --> ";
            out.append(edge.from()).append(arrow).append(edge.to()).append(" : ")
                    .append(String.join("\\n", rows.stream().map(MachineDiagrams::label).toList())).append('\n');
        });
        out.append("@enduml\n");
        return out.toString();
    }

    public static String mermaid() {
        StringBuilder out = new StringBuilder();
        out.append("%% Generated from TransitionTable.java: do not edit.\n");
        out.append("stateDiagram-v2\n");
        out.append("    [*] --> ").append(State.INITIAL).append('\n');
        edges().forEach((edge, rows) -> out.append("    ").append(edge.from()).append(" --> ").append(edge.to())
                .append(" : ").append(String.join("<br/>", rows.stream().map(MachineDiagrams::label).toList()))
                .append('\n'));
        return out.toString();
    }
}
