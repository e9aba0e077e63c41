package dev.aistorctl.inventory;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the server binary comes from: a local file or a URL, and the SHA-256 it must have. The
 * file is not read and the URL not fetched at load time; install checks the digest.
 *
 * @param sha256 64 lower-case hex characters
 */
public record BinarySource(Optional<Path> path, Optional<URI> url, String sha256) {
    public BinarySource {
        if (path.isPresent() == url.isPresent()) {
            throw new IllegalArgumentException("a binary comes from exactly one of a path or a url");
        }
    }
}
