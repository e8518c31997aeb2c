package org.zoneplan.evaluation;

/** 评价等级: A, B, C, D, and T 不定等级 (不适合评价: exempt). */
public enum Grade {
  A("A类"),
  B("B类"),
  C("C类"),
  D("D类"),
  T("不定等级");

  private final String label;

  Grade(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
