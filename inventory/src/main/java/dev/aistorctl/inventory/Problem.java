package dev.aistorctl.inventory;

/**
 * The inventory's former problem type, now {@link dev.aistorctl.core.config.Problem}; kept only so
 * that callers of {@link InvalidInventoryException#problems()} compile until they read
 * {@link InvalidInventoryException#configProblems()}.
 *
 * @deprecated use {@link dev.aistorctl.core.config.Problem}
 */
@Deprecated
public record Problem(String file, int line, int column, String offendingText, String message, String hint) {

    static Problem of(dev.aistorctl.core.config.Problem p) {
        return new Problem(p.file(), p.line(), p.column(), p.offendingText(), p.message(), p.hint());
    }

    /** As {@link dev.aistorctl.core.config.Problem#render()}. */
    public String render() {
        return new dev.aistorctl.core.config.Problem(file, line, column, offendingText, message, hint).render();
    }

    @Override
    public String toString() {
        return render();
    }
}
