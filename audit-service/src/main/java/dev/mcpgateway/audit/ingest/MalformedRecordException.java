package dev.mcpgateway.audit.ingest;

/** A Kafka record that is no valid DecisionEventV1; its message is the dead-letter reason. */
public class MalformedRecordException extends Exception {

    public MalformedRecordException(String reason) {
        super(reason, null, false, false);
    }
}
