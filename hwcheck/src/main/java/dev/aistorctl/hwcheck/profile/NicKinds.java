package dev.aistorctl.hwcheck.profile;

/** Names for interface kinds in profiles; ip link has no kind for a plain port, so we name it. */
public final class NicKinds {
    /** A port with no ip-link kind: a physical NIC or a virtual function. */
    public static final String PHYSICAL = "physical";

    private NicKinds() {
    }

    /** The profile name of a kind as ip link reports it ({@code null} for a plain port). */
    public static String of(String ipLinkKind) {
        return ipLinkKind == null || ipLinkKind.isBlank() ? PHYSICAL : ipLinkKind;
    }
}
