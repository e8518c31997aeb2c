package org.zoneplan.codecs.gis;

import java.util.List;
import java.util.Map;

/**
 * The one field schema of the exchanged layers, shared by their exports and imports (default name /
 * shapefile name / survey name). The mapping is in docs/api.md (Data exchange).
 */
public final class LayerFields {
  private LayerFields() {}

  /** Development zones. */
  public static final class Zones {
    private Zones() {}

    public static final LayerField PLAN = new LayerField("planId", "PLAN", "GHBB");
    public static final LayerField CODE = new LayerField("code", "CODE", "KFQDM");
    public static final LayerField NAME = new LayerField("name", "NAME", "KFQMC");
    public static final LayerField KIND = new LayerField("kind", "KIND", "KFQLX");
    public static final LayerField PARENT = new LayerField("parent", "PARENT", "SJDM");
    public static final LayerField MANAGED_BY = new LayerField("managedBy", "MANAGEDBY", "GLJG");

    /** The zone's own fields, beside which every other field is a free attribute. */
    public static final List<LayerField> CORE = List.of(CODE, NAME, KIND, PARENT, MANAGED_BY);

    /** Shapefile names of the attributes the sample data and the web page use. */
    public static final Map<String, String> ATTRIBUTE_SHAPEFILE_NAMES =
        Map.of(
            "nameEn", "NAME_EN",
            "leadingIndustries", "INDUSTRY",
            "leadingIndustryCodes", "IND_CODES",
            "note", "NOTE",
            "repairNote", "REPAIRNOTE");
  }

  /** Land parcels, with the owner land-bureau files carry on them. */
  public static final class Parcels {
    private Parcels() {}

    public static final LayerField SCHEME = new LayerField("scheme", "SCHEME", "FLBZ");
    public static final LayerField LAND_USE = new LayerField("landUseCode", "LANDUSE", "DLBM");
    public static final LayerField ENTERPRISE =
        new LayerField("enterpriseName", "ENTERPRISE", "QYMC");
    public static final LayerField CREDIT_CODE =
        new LayerField("creditCode", "CREDITCODE", "TYSHXYDM");

    /** The owner's figures of a statistics year: imported only, never exported. */
    public static final LayerField TAX = new LayerField("taxWan", "TAX_WAN", "SSZE");

    public static final LayerField VALUE_ADDED = new LayerField("valueAddedWan", "VA_WAN", "ZJZ");
    public static final LayerField EMPLOYEES = new LayerField("employees", "EMPLOYEES", "CYRS");
  }

  /** Administrative divisions. */
  public static final class Divisions {
    private Divisions() {}

    public static final LayerField CODE = new LayerField("code", "CODE", "XZQDM");
    public static final LayerField NAME = new LayerField("name", "NAME", "XZQMC");
    public static final LayerField LEVEL = new LayerField("level", "LEVEL", "JB");
    public static final LayerField PARENT = new LayerField("parent", "PARENT", "SJXZQDM");
    public static final LayerField REPAIR_NOTE = new LayerField("repairNote", "REPAIRNOTE", "XFSM");
  }
}
