package dev.tern.boards.image;

/**
 * The bytes of an MCUboot image as imgtool writes it. Compared field by field with
 * mcu-tools/mcuboot {@code docs/design.md} and imgtool's {@code image.py}, {@code keys/ed25519.py},
 * {@code keys/ecdsa.py} and {@code version.py} as of the 2025 sources (imgtool 2.x, the version with
 * KEYID 0x03, SIG_PURE 0x25 and multiple signatures). imgtool itself could not be run here (PyPI
 * is not reachable). Every field is little-endian.
 *
 * <pre>
 *  0      4          8       10          12        16      20    21    22       24      28     32
 *  | magic | load_addr | hdr_size | prot_tlv_size | img_size | flags | maj | min | revision | build | pad |
 *  |<---------------------------------- header, 32 bytes --------------------------------------------->|
 *
 *  0             hdr_size                 hdr_size + img_size
 *  | header, pad | payload (img_size bytes) | protected TLVs (prot_tlv_size) | TLVs | [slot padding, trailer]
 *  |<------------------------- hashed region ---------------------------------->|
 *
 *  TLV area info:  u16 magic (0x6908 protected, 0x6907 unprotected), u16 total length incl. these 4
 *  TLV entry:      u8 type, u8 0 (imgtool packs 'BBH'; MCUboot reads a u16 type), u16 length, value
 * </pre>
 *
 * <p>Between the 32-byte header and {@code hdr_size} imgtool keeps the input's bytes (which must be
 * zero) or, with {@code --pad-header}, writes its erased value (0xff); Tern writes zeros unless
 * told otherwise ({@link SignOptions#headerPadding()}). Both hash and verify the same way.
 *
 * <p>imgtool writes the unprotected TLVs in this order: SHA-256 of the hashed region, then per key
 * the key hash (SHA-256 of the DER SubjectPublicKeyInfo, for Ed25519 and ECDSA alike) and the
 * signature. An Ed25519 signature signs the 32-byte SHA-256 digest (imgtool's
 * {@code sign_digest}); an ECDSA P-256 signature is ECDSA-with-SHA-256 over the hashed region,
 * which is ECDSA over that same digest, DER-encoded (r, s).
 */
public final class ImageFormat {

    public static final int IMAGE_MAGIC = 0x96f3b83d;
    public static final int HEADER_SIZE = 32;
    /** The header size imgtool users pass most ({@code -H 0x200}); the payload starts there. */
    public static final int DEFAULT_HEADER_SIZE = 0x200;

    public static final int MAGIC_OFFSET = 0;
    public static final int LOAD_ADDR_OFFSET = 4;
    public static final int HDR_SIZE_OFFSET = 8;
    public static final int PROTECT_TLV_SIZE_OFFSET = 10;
    public static final int IMG_SIZE_OFFSET = 12;
    public static final int FLAGS_OFFSET = 16;
    public static final int VERSION_MAJOR_OFFSET = 20;
    public static final int VERSION_MINOR_OFFSET = 21;
    public static final int VERSION_REVISION_OFFSET = 22;
    public static final int VERSION_BUILD_OFFSET = 24;
    public static final int PAD_OFFSET = 28;

    /** Header flags (IMAGE_F_*). */
    public static final int FLAG_PIC = 0x01;
    public static final int FLAG_ENCRYPTED_AES128 = 0x04;
    public static final int FLAG_ENCRYPTED_AES256 = 0x08;
    public static final int FLAG_NON_BOOTABLE = 0x10;
    /** Set by imgtool whenever {@code --load-addr} is not zero. */
    public static final int FLAG_RAM_LOAD = 0x20;
    public static final int FLAG_ROM_FIXED = 0x100;

    public static final int TLV_INFO_MAGIC = 0x6907;
    public static final int TLV_PROT_INFO_MAGIC = 0x6908;
    public static final int TLV_INFO_SIZE = 4;
    public static final int TLV_HEADER_SIZE = 4;

    /** TLV types (IMAGE_TLV_*). */
    public static final int TLV_KEYHASH = 0x01;
    public static final int TLV_PUBKEY = 0x02;
    public static final int TLV_KEYID = 0x03;
    public static final int TLV_SHA256 = 0x10;
    public static final int TLV_SHA384 = 0x11;
    public static final int TLV_SHA512 = 0x12;
    public static final int TLV_RSA2048 = 0x20;
    public static final int TLV_ECDSA_SIG = 0x22;
    public static final int TLV_RSA3072 = 0x23;
    public static final int TLV_ED25519 = 0x24;
    public static final int TLV_SIG_PURE = 0x25;
    public static final int TLV_DEPENDENCY = 0x40;
    public static final int TLV_SEC_CNT = 0x50;
    public static final int TLV_BOOT_RECORD = 0x60;

    public static final int SHA256_LENGTH = 32;
    public static final int ED25519_SIGNATURE_LENGTH = 64;

    /** The 16-byte trailer magic for a max alignment of 8 (boot_img_magic in host byte order). */
    static final byte[] BOOT_MAGIC = {
        (byte) 0x77, (byte) 0xc2, (byte) 0x95, (byte) 0xf3, (byte) 0x60, (byte) 0xd2, (byte) 0xef, (byte) 0x7f,
        (byte) 0x35, (byte) 0x52, (byte) 0x50, (byte) 0x0f, (byte) 0x2c, (byte) 0xb6, (byte) 0x79, (byte) 0x80,
    };
    /** The last 14 bytes of the trailer magic when the max alignment is not 8 (it starts with u16 max_align). */
    static final byte[] BOOT_MAGIC_ALIGNED_TAIL = {
        (byte) 0x2d, (byte) 0xe1, (byte) 0x5d, (byte) 0x29, (byte) 0x41, (byte) 0x0b, (byte) 0x8d,
        (byte) 0x77, (byte) 0x67, (byte) 0x9c, (byte) 0x11, (byte) 0x0f, (byte) 0x1f, (byte) 0x8a,
    };

    private ImageFormat() {
    }

    /** A TLV type's imgtool name, for messages and {@code tern image info}. */
    public static String tlvName(int type) {
        switch (type) {
            case TLV_KEYHASH: return "KEYHASH";
            case TLV_PUBKEY: return "PUBKEY";
            case TLV_KEYID: return "KEYID";
            case TLV_SHA256: return "SHA256";
            case TLV_SHA384: return "SHA384";
            case TLV_SHA512: return "SHA512";
            case TLV_RSA2048: return "RSA2048";
            case TLV_ECDSA_SIG: return "ECDSASIG";
            case TLV_RSA3072: return "RSA3072";
            case TLV_ED25519: return "ED25519";
            case TLV_SIG_PURE: return "SIG_PURE";
            case 0x30: return "ENCRSA2048";
            case 0x31: return "ENCKW";
            case 0x32: return "ENCEC256";
            case 0x33: return "ENCX25519";
            case TLV_DEPENDENCY: return "DEPENDENCY";
            case TLV_SEC_CNT: return "SEC_CNT";
            case TLV_BOOT_RECORD: return "BOOT_RECORD";
            case 0x70: return "DECOMP_SIZE";
            case 0x71: return "DECOMP_SHA";
            case 0x72: return "DECOMP_SIGNATURE";
            default: return String.format("0x%02x", type);
        }
    }

    static int u16(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8;
    }

    static long u32(byte[] b, int offset) {
        return (u16(b, offset) | (long) u16(b, offset + 2) << 16) & 0xffffffffL;
    }

    static void putU16(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
    }

    static void putU32(byte[] b, int offset, long value) {
        putU16(b, offset, (int) value & 0xffff);
        putU16(b, offset + 2, (int) (value >>> 16) & 0xffff);
    }

    /** Lower-case hex of {@code bytes}, as imgtool and sha256sum print digests. */
    public static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }
}
