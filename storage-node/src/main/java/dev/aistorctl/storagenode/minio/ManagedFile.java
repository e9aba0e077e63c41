package dev.aistorctl.storagenode.minio;

/**
 * A file or directory a node step owns on the host: where, with which mode and owner. The content
 * travels separately so that a plan can show this without the content.
 *
 * @param mode octal, as chmod takes it ({@code 0640})
 */
public record ManagedFile(String path, String mode, String owner, String group) {
    public static ManagedFile rootOwned(String path, String mode) {
        return new ManagedFile(path, mode, "root", "root");
    }

    /** Owned by root, readable by the service's group: the service reads it and can never rewrite it. */
    public static ManagedFile readableByService(String path) {
        return new ManagedFile(path, "0640", "root", MinioPaths.GROUP);
    }

    @Override
    public String toString() {
        return path + " (" + mode + " " + owner + ":" + group + ")";
    }
}
