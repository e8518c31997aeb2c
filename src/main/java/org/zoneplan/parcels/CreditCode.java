package org.zoneplan.parcels;

import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from the 31 of {@link
 * #CHARACTERS} (digits and capitals without I, O, S, V, Z). The 18th is a check character: with the
 * others' values vᵢ and weights wᵢ = 3ⁱ⁻¹ mod 31, it is the character of value (31 − Σ vᵢwᵢ mod 31)
 * mod 31. Only the characters and the check are verified here, not the registration authority, the
 * division code or the organisation code inside. Thread-safe.
 */
public final class CreditCode {
  /** The code's alphabet; a character's value is its index. */
  public static final String CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  public static final int LENGTH = 18;

  private static final int[] WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };

  private CreditCode() {}

  public static boolean isValid(String code) {
    return problem(code).isEmpty();
  }

  /** What is wrong with the code, in a sentence for an API user; empty when it is valid. */
  public static Optional<String> problem(String code) {
    if (code == null || code.length() != LENGTH) {
      return Optional.of(
          "a unified social credit code has "
              + LENGTH
              + " characters, not "
              + (code == null ? 0 : code.length()));
    }
    for (int i = 0; i < LENGTH; i++) {
      if (CHARACTERS.indexOf(code.charAt(i)) < 0) {
        return Optional.of(
            "character "
                + (i + 1)
                + " ('"
                + code.charAt(i)
                + "') is not one of the digits and capitals allowed (no I, O, S, V, Z)");
      }
    }
    char expected = checkCharacter(code.substring(0, LENGTH - 1));
    if (code.charAt(LENGTH - 1) != expected) {
      return Optional.of(
          "the check character (the 18th) is '"
              + code.charAt(LENGTH - 1)
              + "' but the first 17 give '"
              + expected
              + "' (GB 32100-2015)");
    }
    return Optional.empty();
  }

  /**
   * The check character for the first 17 characters of a code.
   *
   * @throws IllegalArgumentException when there are not 17 characters of the alphabet
   */
  public static char checkCharacter(String first17) {
    if (first17.length() != LENGTH - 1) {
      throw new IllegalArgumentException("need 17 characters, not " + first17.length());
    }
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      int value = CHARACTERS.indexOf(first17.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("'" + first17.charAt(i) + "' is not a code character");
      }
      sum += value * WEIGHTS[i];
    }
    return CHARACTERS.charAt((31 - sum % 31) % 31);
  }
}
