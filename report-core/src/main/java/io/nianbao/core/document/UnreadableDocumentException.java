package io.nianbao.core.document;

/** A body that is not a readable report: a scanned PDF, an encrypted or corrupt file, binary that is not text. */
public class UnreadableDocumentException extends Exception {

    private final String reason;

    public UnreadableDocumentException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public UnreadableDocumentException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** One human sentence saying why the document cannot be read. */
    public String reason() {
        return reason;
    }
}
