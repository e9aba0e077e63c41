package dev.aistorctl.inventory;

/** Which S3 server the node runs: MinIO AIStor in production, S3Proxy where MinIO cannot be had (the lab). */
public enum Flavour {
    MINIO, S3PROXY
}
