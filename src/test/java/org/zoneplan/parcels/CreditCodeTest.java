package org.zoneplan.parcels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {
  /** Codes of well-known companies, as registered (published on their licences). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "91330100799655058B", // 阿里巴巴(中国)有限公司
        "91440300708461136T", // 深圳市腾讯计算机系统有限公司
        "91110000802100433B", // 北京百度网讯科技有限公司
        "91110108551385082Q" // 小米科技有限责任公司
      })
  void registeredCodesAreValid(String code) {
    assertThat(CreditCode.problem(code)).isEmpty();
    assertThat(CreditCode.checkCharacter(code.substring(0, 17))).isEqualTo(code.charAt(17));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "91330100799655058C | the check character (the 18th) is 'C' but the first 17 give 'B'",
        "91330100799655058  | 18 characters, not 17",
        "91330100799655058BB | 18 characters, not 19",
        "91330100799655058b | character 18 ('b')",
        "9133010079965505IB | character 17 ('I')",
        "91330100799655O58B | character 15 ('O')",
        "'' | 18 characters, not 0"
      })
  void invalidCodesAreExplained(String code, String reason) {
    assertThat(CreditCode.isValid(code)).isFalse();
    assertThat(CreditCode.problem(code)).get().asString().contains(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"S", "Z", "V"})
  void lettersOutsideTheAlphabetAreRefused(String letter) {
    assertThatThrownBy(() -> CreditCode.checkCharacter("9133072674" + letter + "123456"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void nullIsInvalid() {
    assertThat(CreditCode.isValid(null)).isFalse();
  }
}
