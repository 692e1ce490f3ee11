package dev.tern.app;

/** UTF-8 bytes of start-up strings (topics, client id); the steady state never calls it. */
final class Utf8Text {

    private Utf8Text() {
    }

    static byte[] bytes(String text) {
        try {
            return text.getBytes("UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is not supported: " + e.getMessage());
        }
    }

    static String string(byte[] bytes, int offset, int length) {
        try {
            return new String(bytes, offset, length, "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is not supported: " + e.getMessage());
        }
    }
}
