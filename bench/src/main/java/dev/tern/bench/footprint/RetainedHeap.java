package dev.tern.bench.footprint;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;
import org.openjdk.jol.vm.VirtualMachine;

/**
 * The heap an object graph holds, two ways:
 *
 * <ul>
 * <li>{@link #jol}: JOL's {@code GraphLayout.parseInstance(root).totalSize()}, everything reachable
 *     through instance fields (JOL never follows static fields). From a client that owns a
 *     thread this includes the JVM's shared state the thread leads to: its thread group and so
 *     every other thread of the JVM, the context class loader and the classes it loaded.</li>
 * <li>{@link #ownedBy}: the same walk (JOL's object sizes, instance fields only) that does not
 *     enter JVM-wide state ({@link #SHARED}): threads and thread groups, class loaders, classes,
 *     modules, protection domains and code sources, zip files, java.util.logging loggers, resource
 *     bundles, method handles, and {@link java.lang.ref.Reference}s (not strong: nothing they
 *     point to is retained by them; and a socket's Cleaner entry links every cleanable object of
 *     the JVM). What is left is what the client's own objects hold: its buffers, queues, tokens,
 *     channels and the Runnables its threads run (a client references those itself). A thread's
 *     stack is not heap and neither walk counts it.</li>
 * </ul>
 *
 * A lambda's captured values are not followed by {@link #ownedBy} (the JVM does not give a hidden
 * class's field offsets): {@link #SKIPPED_FIELDS} names them.
 */
public final class RetainedHeap {

    /** Where the walk stops: JVM-wide state, not the client's. */
    private static final List<Class<?>> SHARED = List.of(Thread.class, ThreadGroup.class, ClassLoader.class,
            Class.class, Module.class, java.security.ProtectionDomain.class, java.security.CodeSource.class,
            java.util.zip.ZipFile.class, java.util.logging.Logger.class,
            java.util.logging.LogManager.class, java.util.ResourceBundle.class, java.lang.ref.Reference.class,
            java.lang.invoke.MethodHandle.class, java.lang.invoke.MethodType.class);

    /** Fields the walk could not read (hidden classes' captured values), for the report. */
    static final Set<String> SKIPPED_FIELDS = Collections.synchronizedSet(new java.util.TreeSet<>());

    private RetainedHeap() {
    }

    /** JOL's total for everything reachable from {@code root}, or -1 when JOL cannot walk the graph. */
    public static long jol(Object root) {
        try {
            return GraphLayout.parseInstance(root).totalSize();
        } catch (RuntimeException e) {
            return -1;   // JOL cannot walk past a hidden class's fields either: no figure
        }
    }

    /** Bytes of the objects reachable from {@code root} without entering JVM-wide state (see the class comment). */
    public static long ownedBy(Object root) {
        VirtualMachine vm = VM.current();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Class<?>, List<Long>> offsets = new IdentityHashMap<>();
        ArrayDeque<Object> work = new ArrayDeque<>();
        work.add(root);
        seen.add(root);
        long total = 0;
        while (!work.isEmpty()) {
            Object object = work.poll();
            total += vm.sizeOf(object);
            Class<?> type = object.getClass();
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    for (Object element : (Object[]) object) {
                        visit(element, seen, work);
                    }
                }
                continue;
            }
            for (long offset : offsets.computeIfAbsent(type, c -> referenceOffsets(c, vm))) {
                visit(vm.getObject(object, offset), seen, work);
            }
        }
        return total;
    }

    private static void visit(Object next, Set<Object> seen, ArrayDeque<Object> work) {
        if (next == null || isShared(next) || !seen.add(next)) {
            return;
        }
        work.add(next);
    }

    /** Bytes per class of the objects {@link #ownedBy} counts, largest first, for finding what a figure is made of. */
    public static String histogram(Object root, int lines) {
        Map<String, long[]> byClass = new java.util.HashMap<>();
        VirtualMachine vm = VM.current();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object> work = new ArrayDeque<>();
        work.add(root);
        seen.add(root);
        while (!work.isEmpty()) {
            Object object = work.poll();
            long[] sum = byClass.computeIfAbsent(object.getClass().getName(), n -> new long[2]);
            sum[0]++;
            sum[1] += vm.sizeOf(object);
            if (object.getClass().isArray()) {
                if (!object.getClass().getComponentType().isPrimitive()) {
                    for (Object element : (Object[]) object) {
                        visit(element, seen, work);
                    }
                }
                continue;
            }
            for (long offset : referenceOffsets(object.getClass(), vm)) {
                visit(vm.getObject(object, offset), seen, work);
            }
        }
        StringBuilder out = new StringBuilder();
        byClass.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(lines)
                .forEach(e -> out.append(String.format("%10d %6d %s%n", e.getValue()[1], e.getValue()[0], e.getKey())));
        return out.toString();
    }

    static boolean isShared(Object object) {
        for (Class<?> shared : SHARED) {
            if (shared.isInstance(object)) {
                return true;
            }
        }
        return false;
    }

    /** Offsets of the non-static reference fields of {@code type} and its superclasses. */
    private static List<Long> referenceOffsets(Class<?> type, VirtualMachine vm) {
        List<Long> result = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    result.add(vm.fieldOffset(field));
                } catch (RuntimeException e) {
                    // a hidden class (a lambda) hides its fields' offsets: what it captured is not followed
                    SKIPPED_FIELDS.add(c.getName() + "." + field.getName());
                }
            }
        }
        return result;
    }
}
