package dev.tern.host.image;

import dev.tern.boards.image.ImageVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --version 1.4.0+7}: major.minor.revision+build, later parts optional, as imgtool takes it. */
final class VersionConverter implements ITypeConverter<ImageVersion> {

    @Override
    public ImageVersion convert(String value) {
        try {
            return ImageVersion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not an image version: major.minor.revision+build, "
                    + "e.g. 1.4.0 or 1.4.0+7 (major, minor up to 255, revision up to 65535)");
        }
    }
}
