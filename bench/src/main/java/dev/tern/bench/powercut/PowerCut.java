package dev.tern.bench.powercut;

/**
 * The power went: thrown out of the engine's flash calls (and by the harness between polls) so
 * the firmware stops where it was, as the CPU would. Says where the cut landed.
 */
final class PowerCut extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Landing landing;

    PowerCut(Landing landing) {
        super(landing.toString(), null, false, false);
        this.landing = landing;
    }

    Landing landing() {
        return landing;
    }
}
