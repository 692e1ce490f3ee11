package dev.tern.host.cli;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A Java regex option ({@code --until}): a bad pattern is one line naming it, what is wrong and where. */
public final class RegexConverter implements ITypeConverter<Pattern> {

    @Override
    public Pattern convert(String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            String where = e.getIndex() < 0 ? "" : " at position " + e.getIndex();
            throw new TypeConversionException("'" + value + "' is not a valid regex: " + e.getDescription().toLowerCase(java.util.Locale.ROOT)
                    + where + " (a Java regex; quote it in the shell, and escape ( [ { . with a backslash to match them as text)");
        }
    }
}
