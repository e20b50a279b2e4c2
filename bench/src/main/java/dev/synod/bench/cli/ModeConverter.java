package dev.synod.bench.cli;

import dev.synod.bench.compare.Mode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class ModeConverter implements ITypeConverter<Mode> {
  @Override
  public Mode convert(String value) {
    try {
      return Mode.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
