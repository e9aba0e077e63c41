package dev.aistorctl.workflows.provision;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.FanoutListener;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.playbooks.RunResult;

/**
 * provision.json's {@code stages}: when each stage of the provision began and ended, the playbook runs it made, and,
 * for a stage that works host by host, when each host began and ended; so that the report can lay the whole provision
 * on one time axis, its own stages as well as the runs' steps. A stage begun while another is open is recorded inside
 * it (the pre-flight and the health wait inside apply).
 */
final class ProvisionStages {
    private final ArrayNode top;
    private final Clock clock;
    private final Deque<Stage> open = new ArrayDeque<>();
    private String lastBegun;

    ProvisionStages(ArrayNode top, Clock clock) {
        this.top = top;
        this.clock = clock;
    }

    /** Begins {@code name} now, inside the innermost open stage if there is one. */
    synchronized Stage begin(String name) {
        ArrayNode into = open.isEmpty() ? top : open.peek().node.withArray("stages");
        ObjectNode node = into.addObject();
        node.put("stage", name);
        lastBegun = name;
        node.put("started", clock.instant().toString());
        node.putNull("finished");
        Stage stage = new Stage(node);
        open.push(stage);
        return stage;
    }

    synchronized String lastBegun() {
        return lastBegun;
    }

    /** Ends every stage still open at {@code at}: the provision stopped inside them (an exception, an interrupt). */
    synchronized void endAll(Instant at) {
        while (!open.isEmpty()) {
            open.pop().node.put("finished", at.toString());
        }
    }

    /** One stage while it runs. */
    final class Stage {
        private final ObjectNode node;
        private final Map<String, ObjectNode> hosts = new HashMap<>();

        private Stage(ObjectNode node) {
            this.node = node;
        }

        /** Names the playbook runs this stage made, so that the report reads their journals. */
        Stage runs(Iterable<RunResult> results) {
            synchronized (ProvisionStages.this) {
                ArrayNode ids = node.withArray("runs");
                results.forEach(r -> ids.add(r.runId()));
            }
            return this;
        }

        /** {@code delegate}, also recording when each host of the fan-out began and ended. */
        FanoutListener hosts(FanoutListener delegate) {
            return new FanoutListener() {
                @Override
                public void started(String host) {
                    hostStarted(host);
                    delegate.started(host);
                }

                @Override
                public void finished(HostOutcome<?> outcome) {
                    hostFinished(outcome.host(), outcome.ok());
                    delegate.finished(outcome);
                }
            };
        }

        private void hostStarted(String host) {
            synchronized (ProvisionStages.this) {
                ObjectNode h = node.withArray("hosts").addObject();
                h.put("host", host);
                h.put("started", clock.instant().toString());
                h.putNull("finished");
                hosts.put(host, h);
            }
        }

        private void hostFinished(String host, boolean ok) {
            synchronized (ProvisionStages.this) {
                ObjectNode h = hosts.get(host);
                if (h == null) {
                    // A fan-out that reports an end without its start: the host's start is unknown, its end is not.
                    hostStarted(host);
                    h = hosts.get(host);
                    h.putNull("started");
                }
                h.put("finished", clock.instant().toString());
                h.put("ok", ok);
            }
        }

        /** Ends this stage now, and any stage begun inside it and still open. */
        void end() {
            synchronized (ProvisionStages.this) {
                if (!open.contains(this)) {
                    return;
                }
                String now = clock.instant().toString();
                while (!open.isEmpty()) {
                    Stage s = open.pop();
                    s.node.put("finished", now);
                    if (s == this) {
                        break;
                    }
                }
            }
        }
    }
}
