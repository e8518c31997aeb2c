package org.zoneplan.bench;

/**
 * The one entry point of the {@code bench} profile: {@code -Dbench=tiles} (the default) runs {@link
 * TileBenchmark}, {@code -Dbench=analysis} runs {@link AnalysisBenchmark}, {@code
 * -Dbench=evaluation} {@link EvaluationBenchmark}, {@code -Dbench=serving} {@link
 * TileServingBenchmark}, {@code -Dbench=city} {@link CityBenchmark}, {@code -Dbench=growth} {@link
 * GrowthBenchmark}.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    String which = System.getProperty("bench", "tiles");
    switch (which) {
      case "tiles" -> TileBenchmark.main(args);
      case "analysis" -> AnalysisBenchmark.main(args);
      case "evaluation" -> EvaluationBenchmark.main(args);
      case "serving" -> TileServingBenchmark.main(args);
      case "city" -> CityBenchmark.main(args);
      case "growth" -> GrowthBenchmark.main(args);
      case "heap" -> HeapBenchmark.main(args);
      default ->
          throw new IllegalArgumentException(
              "unknown benchmark -Dbench="
                  + which
                  + " (tiles, analysis, evaluation, serving, city, growth or heap)");
    }
  }
}
