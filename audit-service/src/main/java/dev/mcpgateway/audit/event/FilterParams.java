package dev.mcpgateway.audit.event;

import org.jboss.resteasy.reactive.RestQuery;

/** The filter query parameters shared by the events list, stats and export endpoints. */
public class FilterParams {

    @RestQuery
    public String from;
    @RestQuery
    public String to;
    @RestQuery
    public String grant;
    @RestQuery
    public String session;
    @RestQuery
    public String server;
    @RestQuery
    public String tool;
    @RestQuery
    public String decision;
    @RestQuery
    public String risk;
    /** Text to find in the decision's reason (case-insensitive). */
    @RestQuery
    public String q;

    public EventFilter toFilter() {
        return EventFilterParser.parse(from, to, grant, session, server, tool, decision, risk, q);
    }
}
