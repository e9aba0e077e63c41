package dev.aistorctl.storagenode.health;

import io.minio.errors.ErrorResponseException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/** A probe's failure as one short phrase: the S3 error code, "connection refused", a timeout. */
public final class Failures {
    private Failures() {
    }

    public static String describe(Throwable e) {
        if (e instanceof ErrorResponseException s3) {
            return "S3 error " + s3.errorResponse().code() + ": " + s3.errorResponse().message();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof HttpTimeoutException || root instanceof java.net.SocketTimeoutException) {
            return "no answer within the timeout";
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
