package dev.tern.host.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Which faults the story inflicts, in order: {@code --faults outage,restart,powercut} (the
 * default: all three), none with {@code --calm}.
 */
public final class FaultPlan {

    public static final String ALL = "outage,restart,powercut";

    private final List<Fault> faults;

    private FaultPlan(List<Fault> faults) {
        this.faults = List.copyOf(faults);
    }

    /** No fault: the calm demo. */
    public static FaultPlan calm() {
        return new FaultPlan(List.of());
    }

    /**
     * {@code name[,name...]}, each one of outage, restart, powercut, at most once.
     *
     * @throws IllegalArgumentException naming the bad part and the names there are
     */
    public static FaultPlan parse(String text) {
        List<Fault> faults = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String name = part.trim();
            Fault fault = byKey(name);
            if (fault == null) {
                throw new IllegalArgumentException("'" + name + "': no such fault (choose from " + ALL.replace(",", ", ") + ")");
            }
            if (faults.contains(fault)) {
                throw new IllegalArgumentException("'" + name + "' is named twice");
            }
            faults.add(fault);
        }
        return new FaultPlan(faults);
    }

    private static Fault byKey(String name) {
        for (Fault fault : Fault.values()) {
            if (fault.key().equals(name)) {
                return fault;
            }
        }
        return null;
    }

    public List<Fault> faults() {
        return faults;
    }

    public boolean isCalm() {
        return faults.isEmpty();
    }

    /** This plan without {@code fault} (a fault this run cannot inflict). */
    public FaultPlan without(Fault fault) {
        List<Fault> left = new ArrayList<>(faults);
        left.remove(fault);
        return new FaultPlan(left);
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Fault fault : faults) {
            names.add(fault.key());
        }
        return isCalm() ? "none" : String.join(",", names);
    }
}
