package io.nianbao.ingest;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A 415 with a reason a person can act on. */
@Provider
public class UnsupportedMediaTypeMapper implements ExceptionMapper<NotSupportedException> {
    @Override
    public Response toResponse(NotSupportedException e) {
        return IngestResource.error(415, "send the report as text/plain or text/html (with its charset), application/pdf, "
                + "application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/msword or application/octet-stream");
    }
}
