package dev.aistorctl.playbooks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the hosts of one run share while each runs its own steps in parallel: the run's hosts in order, which
 * of them have started and finished, and objects made once per run by the first host that asks (e.g. the
 * coordinator that lets hosts fetch the server binary from each other). One per run stage, so a plan stage and
 * the apply stage after it share nothing.
 */
public final class RunShared {
    /** A shared object that wants to know when a host's run ends (its lock let go, its remote processes stopped). */
    public interface Member {
        void hostFinished(String host);
    }

    private final List<String> hosts;
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final Map<Class<?>, Object> objects = new ConcurrentHashMap<>();

    private RunShared(List<String> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    /** A run over {@code hosts}, in the order the runner starts them. */
    public static RunShared of(List<String> hosts) {
        return new RunShared(hosts);
    }

    public List<String> hosts() {
        return hosts;
    }

    /** Started and not yet finished: the host may still reach any of its steps. */
    public boolean running(String host) {
        return started.contains(host) && !finished.contains(host);
    }

    public boolean finished(String host) {
        return finished.contains(host);
    }

    /** The run's one object of {@code type}, made by {@code make} on first use. */
    public <T> T get(Class<T> type, Function<RunShared, T> make) {
        return type.cast(objects.computeIfAbsent(type, t -> make.apply(this)));
    }

    void hostStarted(String host) {
        started.add(host);
    }

    void hostFinished(String host) {
        finished.add(host);
        for (Object o : objects.values()) {
            if (o instanceof Member m) {
                m.hostFinished(host);
            }
        }
    }
}
