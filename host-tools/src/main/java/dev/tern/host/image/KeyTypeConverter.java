package dev.tern.host.image;

import dev.tern.boards.image.KeyType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --type ed25519|ecdsa-p256}. */
final class KeyTypeConverter implements ITypeConverter<KeyType> {

    @Override
    public KeyType convert(String value) {
        try {
            return KeyType.fromCliName(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a key type (ed25519 or ecdsa-p256)");
        }
    }
}
