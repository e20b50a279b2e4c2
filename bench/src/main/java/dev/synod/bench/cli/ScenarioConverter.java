package dev.synod.bench.cli;

import dev.synod.bench.compare.Scenario;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class ScenarioConverter implements ITypeConverter<Scenario> {
  @Override
  public Scenario convert(String value) {
    try {
      return Scenario.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
