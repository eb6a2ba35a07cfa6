package io.nianbao.contracts;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Whether a failure is the world's (the registry or the broker unreachable for a while) rather than the
 * record's: a transient one is retried with back-off and the record kept; only a failure of the record
 * itself sends it to a dead-letter topic.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException || t instanceof TimeoutException
                    || t instanceof RetriableException || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            // the registry answering 5xx (restarting, overloaded) or 429 is the registry's state, not the record's
            if (t instanceof com.microsoft.kiota.ApiException api && (api.getResponseStatusCode() >= 500 || api.getResponseStatusCode() == 429)) {
                return true;
            }
            // the registry client's HTTP transport (Vert.x): a connection closed before the answer (HttpClosedException),
            // a stream reset, a pool too busy, an answer it cannot decode. A record gives the request only a number, and
            // whatever the registry says about it comes as an ApiException; a registry answering garbage fails every record alike
            if (t instanceof io.vertx.core.VertxException) {
                return true;
            }
            // the registry client reports a refused or reset connection as a plain IOException with the reason in words
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().matches("(?is).*(connection (refused|reset)|broken pipe|timed out).*")) {
                return true;
            }
        }
        return false;
    }
}
