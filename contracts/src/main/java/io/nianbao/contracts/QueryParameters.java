package io.nianbao.contracts;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The services' numeric query parameters, taken as text and read here. A typed JAX-RS parameter that does not
 * convert ({@code @QueryParam("year") Integer year} with {@code ?year=abc}) answers 404, as if the resource did
 * not exist; read here it is a 400 with the reason, in the body the services' other refusals have:
 * {@code {"status": 400, "error": "year must be a whole number, not 'abc'"}}.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * The parameter as a whole number, or null when it is absent or blank.
     *
     * @throws BadRequestException (answered as it is, a 400 with the reason) when it is not a whole number
     */
    public static Integer wholeNumber(String name, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw badRequest(name + " must be a whole number, not '" + value + "'");
        }
    }

    /** The parameter as a whole number, or {@code otherwise} when it is absent or blank. */
    public static int wholeNumber(String name, String value, int otherwise) {
        Integer n = wholeNumber(name, value);
        return n == null ? otherwise : n;
    }

    /** A 400 whose body says why, as {@code {"status": 400, "error": reason}}. */
    public static BadRequestException badRequest(String reason) {
        return new BadRequestException(reason,
                Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("status", 400, "error", reason)).build());
    }
}
