package org.zoneplan.imports;

import static org.zoneplan.imports.FieldValues.number;
import static org.zoneplan.imports.FieldValues.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.MultiPolygon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.zoneplan.codecs.gis.FeatureInput;
import org.zoneplan.codecs.gis.LayerField;
import org.zoneplan.codecs.gis.LayerFields.Parcels;
import org.zoneplan.enterprises.EnterpriseRepository;
import org.zoneplan.enterprises.EnterprisesChangedEvent;
import org.zoneplan.enterprises.LandLink;
import org.zoneplan.enterprises.LandRole;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.CreditCode;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelService;

/**
 * Parcels, and the enterprises land-bureau files carry on them: an enterprise name (enterpriseName
 * / ENTERPRISE / QYMC) and credit code (creditCode / CREDITCODE / TYSHXYDM, checked by GB 32100: a
 * bad code refuses the feature) make the enterprise (created when not stored; a stored one keeps
 * its name) the parcel's owner with share 1, in the import's transaction ({@link ParcelOwners}).
 * Tax, value added and employees (taxWan / TAX_WAN / SSZE, valueAddedWan / VA_WAN / ZJZ, employees
 * / EMPLOYEES / CYRS) become the enterprise's statistics of {@code year}, summed over its parcels
 * in the file (other figures of that year kept), only when the import names a year; without one
 * they are reported as skipped columns, as are figures on a parcel without a credit code.
 */
@Component
class ParcelImporter implements LayerImporter {
  private static final int PARCEL_BATCH = 1000;

  /**
   * DEBUG only: one line per batch written inside the import's transaction, which the SIGKILL test
   * waits for to show that its kill lands part-way through the writes.
   */
  private static final Logger progress = LoggerFactory.getLogger(ParcelImporter.class);

  private final ParcelService parcels;
  private final EnterpriseRepository enterprises;
  private final ApplicationEventPublisher events;

  ParcelImporter(
      ParcelService parcels, EnterpriseRepository enterprises, ApplicationEventPublisher events) {
    this.parcels = parcels;
    this.enterprises = enterprises;
    this.events = events;
  }

  @Override
  public String layer() {
    return "parcels";
  }

  /** A parcel of the file and the enterprise it names as owner (credit code), or null. */
  private record ParcelRow(Parcel parcel, String ownerCode) {}

  /** The parcel file's enterprise figures. */
  private static final List<LayerField> FIGURES =
      List.of(Parcels.TAX, Parcels.VALUE_ADDED, Parcels.EMPLOYEES);

  @Override
  public Runnable read(FeatureInput input, ImportRun run) throws IOException {
    List<ParcelRow> rows = new ArrayList<>();
    Integer year = run.request.year();
    ParcelOwners owners = new ParcelOwners(year);
    input.forEach(
        f -> {
          run.features++;
          Map<String, Object> a = f.attributes();
          String key = "feature " + f.number();
          MultiPolygon geometry = run.geometry(f, key);
          String schemeText = text(a, Parcels.SCHEME);
          LandUseScheme scheme = LandUseScheme.GBT21010_2017;
          if (schemeText != null) {
            try {
              scheme = LandUseScheme.valueOf(schemeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
              run.error(
                  f.number(),
                  key,
                  "scheme must be one of "
                      + List.of(LandUseScheme.values())
                      + ", was "
                      + schemeText,
                  null);
              return;
            }
          }
          String landUse = text(a, Parcels.LAND_USE);
          String enterprise = text(a, Parcels.ENTERPRISE);
          String credit = text(a, Parcels.CREDIT_CODE);
          if (landUse == null || landUse.length() > 8) {
            run.error(
                f.number(), key, "land-use code (LANDUSE, DLBM) missing or longer than 8", null);
            return;
          }
          if (enterprise != null && enterprise.length() > 200) {
            run.error(f.number(), key, "enterprise name (QYMC) over 200 characters", null);
            return;
          }
          if (credit != null) {
            Optional<String> problem = CreditCode.problem(credit);
            if (problem.isPresent()) {
              run.error(
                  f.number(),
                  key,
                  "unified social credit code (TYSHXYDM) \""
                      + ImportRun.clip(credit, 40)
                      + "\": "
                      + problem.get(),
                  null);
              return;
            }
          }
          Double[] figures = new Double[FIGURES.size()];
          for (int k = 0; k < FIGURES.size(); k++) {
            figures[k] = number(a, Double.class, FIGURES.get(k));
            if (figures[k] == null) {
              continue;
            }
            if (year == null || credit == null) {
              run.skippedColumns.add(FIGURES.get(k).name());
            } else if (figures[k] < 0 || !Double.isFinite(figures[k])) {
              run.error(
                  f.number(),
                  key,
                  FIGURES.get(k).name() + " must not be negative, was " + figures[k],
                  null);
              return;
            }
          }
          if (geometry == null) {
            return;
          }
          if (credit == null) {
            if (enterprise != null) {
              run.namesWithoutCode++;
            }
            if (figures[0] != null || figures[1] != null || figures[2] != null) {
              run.figuresWithoutCode++;
            }
          } else {
            run.ownedParcels++;
            owners.add(credit, enterprise, figures[0], figures[1], figures[2]);
          }
          double area = EllipsoidalArea.squareMetres(geometry);
          Parcel parcel = new Parcel(0, scheme, landUse, geometry, area);
          run.accepted++;
          run.areaM2 += area;
          run.created++;
          if (!run.request.dryRun() && !run.failed()) {
            rows.add(new ParcelRow(parcel, credit));
          }
        });
    if (run.namesWithoutCode > 0) {
      run.warnings.add(
          run.namesWithoutCode
              + " parcels name an enterprise without a credit code (TYSHXYDM): no enterprise or"
              + " land link was stored for them");
    }
    if (!run.skippedColumns.isEmpty()) {
      run.warnings.add(
          "figures "
              + run.skippedColumns
              + " not stored: "
              + (year == null
                  ? "give year=YYYY to store them as the enterprises' statistics of that year"
                  : run.figuresWithoutCode + " parcels carry them without a credit code"));
    }
    return () -> writeParcels(rows, owners, run);
  }

  /** Through one {@link ParcelService.Batch}, whose change event comes at the commit. */
  private void writeParcels(List<ParcelRow> rows, ParcelOwners owners, ImportRun run) {
    ParcelService.Batch batch = parcels.batch();
    writeParcels(rows, owners, run, batch);
    batch.finish();
  }

  private void writeParcels(
      List<ParcelRow> rows, ParcelOwners owners, ImportRun run, ParcelService.Batch parcels) {
    if (run.request.replace()) {
      // Every stored parcel goes (their land links with them); "replaced" counts them. A dry run
      // only counts. Any error rolls the deletion back with the rest of the transaction.
      run.replaced = (int) this.parcels.count();
      run.warnings.add(
          0, "mode=replace: the " + run.replaced + " stored parcels are replaced by the file's");
      if (!run.request.dryRun()) {
        parcels.deleteAll();
      }
    }
    if (run.failed()) {
      return;
    }
    Set<String> stored = enterprises.codes();
    run.enterprisesCreated = owners.missingFrom(stored);
    run.enterprisesExisting = owners.size() - run.enterprisesCreated;
    run.statistics = owners.statistics().size();
    if (run.request.dryRun()) {
      // A dry run keeps no rows: the owner links it would make are the owned parcels read.
      run.ownerLinks = run.ownedParcels;
      return;
    }
    // In the file's order (ids follow it): runs of parcels without an owner in batches, owned
    // ones one by one, for the id their link needs.
    List<Parcel> unowned = new ArrayList<>();
    List<LandLink> links = new ArrayList<>();
    int batches = 0;
    for (ParcelRow row : rows) {
      if (row.ownerCode() == null) {
        unowned.add(row.parcel());
        if (unowned.size() == PARCEL_BATCH) {
          parcels.insertAll(unowned);
          unowned.clear();
          progress.debug(
              "import: {} of {} parcels written, not committed",
              ++batches * PARCEL_BATCH,
              rows.size());
        }
      } else {
        parcels.insertAll(unowned);
        unowned.clear();
        long id = parcels.insert(row.parcel()).id();
        links.add(new LandLink(row.ownerCode(), id, LandRole.OWNER, 1.0));
      }
    }
    parcels.insertAll(unowned);
    enterprises.insertMissing(owners.names(), stored);
    enterprises.insertLinks(links);
    run.ownerLinks = links.size();
    enterprises.mergeFigures(owners.statistics());
  }

  @Override
  public void committed(ImportRun run) {
    // The parcels' own change event comes from ParcelService (at the commit).
    if ((run.accepted > 0 || run.request.replace())
        && (run.ownerLinks > 0 || run.statistics > 0 || run.request.replace())) {
      events.publishEvent(new EnterprisesChangedEvent());
    }
  }
}
