package org.zoneplan.parcels;

/** The land-use classification a parcel's code belongs to; recorded with every parcel. */
public enum LandUseScheme {
  /** GB/T 21010-2017 土地利用现状分类. */
  GBT21010_2017("GB/T 21010-2017 土地利用现状分类"),
  /** 第三次全国国土调查工作分类 (third national land survey working classes). */
  SANDIAO("第三次全国国土调查工作分类"),
  /** 国土空间调查、规划、用途管制用地用海分类 (2023). */
  YDYH_2023("国土空间调查、规划、用途管制用地用海分类");

  private final String title;

  LandUseScheme(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
