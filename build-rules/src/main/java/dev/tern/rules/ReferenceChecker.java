package dev.tern.rules;

import java.util.Set;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Visits one firmware class file and reports every reference the board cannot satisfy: a JDK
 * class or member missing from the allow-list, a class version above 51, invokedynamic, varargs.
 * Classes defined in the checked directory itself ({@code ownClasses}) are always allowed.
 */
final class ReferenceChecker extends ClassVisitor {

    static final int MAX_CLASS_VERSION = Opcodes.V1_7;

    private final Set<String> ownClasses;
    private final AllowList allowList;
    private final Set<Violation> violations;

    private String className;
    private String sourceFile = "?";

    ReferenceChecker(Set<String> ownClasses, AllowList allowList, Set<Violation> violations) {
        super(Opcodes.ASM9);
        this.ownClasses = ownClasses;
        this.allowList = allowList;
        this.violations = violations;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName,
                      String[] interfaces) {
        className = name.replace('/', '.');
        int major = version & 0xFFFF;
        if (major > MAX_CLASS_VERSION) {
            report(className, "class file version " + major,
                    "the board VM reads class files up to version 51 (Java 7)");
        }
        if (superName != null) {
            checkType(className, Type.getObjectType(superName));
        }
        for (String implemented : interfaces) {
            checkType(className, Type.getObjectType(implemented));
        }
    }

    @Override
    public void visitSource(String source, String debug) {
        if (source != null) {
            sourceFile = source;
        }
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                   Object value) {
        checkType(className + "." + name, Type.getType(descriptor));
        return null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                     String[] exceptions) {
        String method = className + "." + name;
        if ((access & Opcodes.ACC_VARARGS) != 0) {
            report(method, "varargs method " + name, "varargs allocate an array on every call");
        }
        checkMethodDescriptor(method, descriptor);
        if (exceptions != null) {
            for (String thrown : exceptions) {
                checkType(method, Type.getObjectType(thrown));
            }
        }
        return new MethodChecker(method);
    }

    private final class MethodChecker extends MethodVisitor {
        private final String method;
        private int line = -1;

        MethodChecker(String method) {
            super(Opcodes.ASM9);
            this.method = method;
        }

        private String where() {
            return method + " (" + sourceFile + (line > 0 ? ":" + line : "") + ")";
        }

        @Override
        public void visitLineNumber(int lineNumber, Label start) {
            line = lineNumber;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            checkType(where(), Type.getObjectType(type));
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            checkType(where(), Type.getType(descriptor));
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            checkType(where(), Type.getType(descriptor));
            checkMember(where(), owner, name);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                    boolean isInterface) {
            checkMethodDescriptor(where(), descriptor);
            if (owner.startsWith("[")) {
                // clone() on an array: the VM provides it for every array type
                checkType(where(), Type.getObjectType(owner));
                return;
            }
            checkMember(where(), owner, name + parameters(descriptor));
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                                           Object... bootstrapArguments) {
            report(where(), "invokedynamic " + name,
                    "lambdas, method references and indy string concatenation do not exist on the board");
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (value instanceof Type type) {
                checkType(where(), type.getSort() == Type.METHOD ? Type.VOID_TYPE : type);
            } else if (value instanceof Handle || value instanceof ConstantDynamic) {
                report(where(), "constant " + value, "method handles and dynamic constants do not exist on the board");
            }
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null) {
                checkType(where(), Type.getObjectType(type));
            }
        }
    }

    private void checkMethodDescriptor(String where, String descriptor) {
        checkType(where, Type.getReturnType(descriptor));
        for (Type parameter : Type.getArgumentTypes(descriptor)) {
            checkType(where, parameter);
        }
    }

    private void checkType(String where, Type type) {
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (element.getSort() != Type.OBJECT) {
            return;
        }
        String name = element.getClassName();
        if (!isOwn(element.getInternalName()) && !allowList.allowsClass(name)) {
            report(where, name, "class not on the board API allow-list");
        }
    }

    private void checkMember(String where, String ownerInternalName, String member) {
        if (isOwn(ownerInternalName)) {
            return;
        }
        String owner = ownerInternalName.replace('/', '.');
        if (!allowList.allowsClass(owner)) {
            report(where, owner, "class not on the board API allow-list");
        } else if (!allowList.allowsMember(owner, member)) {
            report(where, owner + "." + member, "member not on the board API allow-list");
        }
    }

    private boolean isOwn(String internalName) {
        return ownClasses.contains(internalName);
    }

    /** {@code (Ljava/lang/Object;I)V} becomes {@code (java.lang.Object,int)}, as the allow-list writes it. */
    static String parameters(String descriptor) {
        StringBuilder text = new StringBuilder("(");
        Type[] arguments = Type.getArgumentTypes(descriptor);
        for (int i = 0; i < arguments.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(arguments[i].getClassName());
        }
        return text.append(')').toString();
    }

    private void report(String where, String what, String reason) {
        violations.add(new Violation(where, what, reason));
    }
}
