package dev.tern.boards.image;

import java.util.Locale;

/** The signature schemes a Tern image can carry; each maps to the TLV type imgtool writes. */
public enum KeyType {

    /** Ed25519 over the image's SHA-256 digest; TLV 0x24, 64 bytes. */
    ED25519("ed25519", ImageFormat.TLV_ED25519),
    /** ECDSA P-256 with SHA-256 over the hashed region; TLV 0x22, DER (r, s), 70 to 72 bytes. */
    ECDSA_P256("ecdsa-p256", ImageFormat.TLV_ECDSA_SIG);

    private final String cliName;
    private final int signatureTlv;

    KeyType(String cliName, int signatureTlv) {
        this.cliName = cliName;
        this.signatureTlv = signatureTlv;
    }

    /** The name used on the command line and in messages ({@code ed25519}, {@code ecdsa-p256}). */
    public String cliName() {
        return cliName;
    }

    public int signatureTlv() {
        return signatureTlv;
    }

    /** The key type whose signature TLV is {@code tlvType}, or null. */
    public static KeyType forSignatureTlv(int tlvType) {
        for (KeyType type : values()) {
            if (type.signatureTlv == tlvType) {
                return type;
            }
        }
        return null;
    }

    public static KeyType fromCliName(String name) {
        for (KeyType type : values()) {
            if (type.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("key type=" + name + " is not one of ed25519, ecdsa-p256");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
