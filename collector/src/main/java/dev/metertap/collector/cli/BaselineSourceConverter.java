package dev.metertap.collector.cli;

import dev.metertap.collector.report.BaselineSource;
import picocli.CommandLine;

/** {@code auto|emu2|pge}, in the user's words when it is none of them. */
final class BaselineSourceConverter implements CommandLine.ITypeConverter<BaselineSource> {

    @Override
    public BaselineSource convert(String value) {
        for (BaselineSource source : BaselineSource.values()) {
            if (source.id().equals(value.strip())) {
                return source;
            }
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a baseline source: use auto, emu2 or pge");
    }
}
