package dev.tern.boards.image;

import java.util.HexFormat;

/** Keys for tests: the published RFC 8032 test key 1, and fresh keys generated per run. */
final class ImageTestKeys {

    /** RFC 8032 section 7.1, TEST 1: the secret key (public, published; never a real key). */
    static final byte[] RFC8032_TEST1_SECRET =
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    /** RFC 8032 section 7.1, TEST 1: its public key. */
    static final byte[] RFC8032_TEST1_PUBLIC =
            HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

    static final ImageKey RFC8032 = ImageKey.ed25519FromSeed(RFC8032_TEST1_SECRET);

    private ImageTestKeys() {
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
    }
}
