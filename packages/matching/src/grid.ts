/**
 * Spatial buckets for onsite missions. Postiers with coordinates are grouped by mobility-radius tier;
 * each tier has a hash grid whose cells are as wide (in degrees of latitude) as the tier's largest
 * radius. An onsite mission then visits, per tier, only the cells of the bounding box of a circle of
 * that radius around the mission: a superset of the postiers whose own radius reaches it. Postiers
 * with a radius above the last tier sit in one list that every onsite query scans.
 */

import { EARTH_RADIUS_KM } from './scoring';
import { LocalList } from './slot-list';

export const RADIUS_TIERS_KM = [5, 10, 20, 35, 50, 75, 100, 150, 200, 300, 500] as const;
/** Tier index of a radius: position in RADIUS_TIERS_KM, or RADIUS_TIERS_KM.length beyond the last. */
export function radiusTier(radiusKm: number): number {
  for (let t = 0; t < RADIUS_TIERS_KM.length; t++) if (radiusKm <= (RADIUS_TIERS_KM[t] ?? 0)) return t;
  return RADIUS_TIERS_KM.length;
}

const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;
const OFFSET = 1 << 20;

interface Tier {
  readonly maxKm: number;
  readonly cellDeg: number;
  readonly cells: Map<number, LocalList>;
}

function cellKey(cy: number, cx: number): number {
  return (cy + OFFSET) * 2 * OFFSET + (cx + OFFSET);
}

export class GeoGrid {
  private readonly tiers: Tier[] = RADIUS_TIERS_KM.map((maxKm) => ({
    maxKm,
    cellDeg: maxKm / KM_PER_DEGREE,
    cells: new Map<number, LocalList>(),
  }));
  readonly far = new LocalList(16);

  private tierOf(radiusKm: number): Tier | undefined {
    for (const t of this.tiers) if (radiusKm <= t.maxKm) return t;
    return undefined;
  }

  private listFor(lat: number, lon: number, radiusKm: number, create: boolean): LocalList | undefined {
    const t = this.tierOf(radiusKm);
    if (t === undefined) return this.far;
    const key = cellKey(Math.floor(lat / t.cellDeg), Math.floor(lon / t.cellDeg));
    let list = t.cells.get(key);
    if (list === undefined && create) {
      list = new LocalList(4);
      t.cells.set(key, list);
    }
    return list;
  }

  /** The list a postier at (lat, lon) with this radius belongs to (created when missing). */
  cellFor(lat: number, lon: number, radiusKm: number): LocalList {
    return this.listFor(lat, lon, radiusKm, true) ?? this.far;
  }

  remove(slot: number, lat: number, lon: number, radiusKm: number): void {
    const list = this.listFor(lat, lon, radiusKm, false);
    if (list === undefined) return;
    list.remove(slot);
    if (list.length === 0 && list !== this.far) {
      const t = this.tierOf(radiusKm);
      t?.cells.delete(cellKey(Math.floor(lat / t.cellDeg), Math.floor(lon / t.cellDeg)));
    }
  }

  /**
   * Every list that may hold a postier whose own radius × `reachFactor` (1 onsite, 2 hybrid)
   * reaches (lat, lon). A list may come twice (longitude wrap); callers de-duplicate slots.
   */
  listsNear(lat: number, lon: number, reachFactor: number): LocalList[] {
    const out: LocalList[] = [];
    if (this.far.length > 0) out.push(this.far);
    for (const t of this.tiers) {
      if (t.cells.size === 0) continue;
      // Bounding box of the spherical cap of radius maxKm × reachFactor (exact extent, then a margin).
      const ang = (t.maxKm * reachFactor) / EARTH_RADIUS_KM;
      const dLat = ((ang * 180) / Math.PI) * 1.001 + 1e-9;
      const latLo = lat - dLat;
      const latHi = lat + dLat;
      const cosLat = Math.cos((lat * Math.PI) / 180);
      const sinAng = Math.sin(ang);
      let dLon = 360;
      if (ang < Math.PI / 2 && latLo > -90 && latHi < 90 && sinAng < cosLat) {
        dLon = ((Math.asin(sinAng / cosLat) * 180) / Math.PI) * 1.001 + 1e-9;
      }
      if (dLon >= 180) {
        for (const list of t.cells.values()) out.push(list);
        continue;
      }
      const cyLo = Math.floor(Math.max(-90, latLo) / t.cellDeg);
      const cyHi = Math.floor(Math.min(90, latHi) / t.cellDeg);
      const lonLo = lon - dLon;
      const lonHi = lon + dLon;
      const ranges: [number, number][] = [[Math.max(-180, lonLo), Math.min(180, lonHi)]];
      if (lonLo < -180) ranges.push([lonLo + 360, 180]);
      if (lonHi > 180) ranges.push([-180, lonHi - 360]);
      for (const [lo, hi] of ranges) {
        const cxLo = Math.floor(lo / t.cellDeg);
        const cxHi = Math.floor(hi / t.cellDeg);
        for (let cy = cyLo; cy <= cyHi; cy++) {
          for (let cx = cxLo; cx <= cxHi; cx++) {
            const list = t.cells.get(cellKey(cy, cx));
            if (list !== undefined) out.push(list);
          }
        }
      }
    }
    return out;
  }

  /** Drops the spare capacity of every list (after a bulk load). */
  trim(): void {
    this.far.trim();
    for (const t of this.tiers) for (const list of t.cells.values()) list.trim();
  }

  bytes(): number {
    let b = this.far.bytes();
    for (const t of this.tiers) {
      for (const list of t.cells.values()) b += list.bytes() + 48;
    }
    return b;
  }
}
