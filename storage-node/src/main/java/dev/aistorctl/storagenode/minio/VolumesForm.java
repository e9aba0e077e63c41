package dev.aistorctl.storagenode.minio;

/** How the server learns its pools. */
public enum VolumesForm {
    /** {@code MINIO_VOLUMES} in MinIO's {@code {x...y}} notation, one argument per pool. */
    ELLIPSES,
    /** AIStor's YAML startup configuration file ({@code --config}), for hosts the notation cannot express. */
    CONFIG_FILE
}
