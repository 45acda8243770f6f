import { describe, expect, it } from 'vitest';
import { onDuty, pickOwner, type RotaShift } from '../../../shared/complaints/assignment.ts';

const TZ = 'Asia/Shanghai';
const rota: RotaShift[] = [
  { username: 'zhang', email: 'zhang@hospital.example', days: [1, 2, 3, 4, 5], from: '08:00', to: '17:30' },
  { username: 'li', email: 'li@hospital.example', days: [1, 2, 3, 4, 5], from: '08:00', to: '17:30' },
  { username: 'zhou', email: 'zhou@hospital.example', days: [1, 2, 3, 4, 5, 6, 7], from: '17:30', to: '08:00' },
];

describe('the rota', () => {
  it('puts the day officers on duty on a weekday morning, Shanghai time', () => {
    // 2026-11-23 is a Monday; 01:30 UTC is 09:30 in Shanghai.
    expect(onDuty(rota, new Date('2026-11-23T01:30:00Z'), TZ)).toEqual(['li', 'zhang']);
  });

  it('covers the night with the overnight shift, including the small hours of the next day', () => {
    expect(onDuty(rota, new Date('2026-11-23T13:00:00Z'), TZ)).toEqual(['zhou']); // Monday 21:00
    expect(onDuty(rota, new Date('2026-11-22T18:00:00Z'), TZ)).toEqual(['zhou']); // Monday 02:00, shift began Sunday
  });

  it('finds nobody when the rota has a gap', () => {
    expect(onDuty(rota.slice(0, 2), new Date('2026-11-22T02:00:00Z'), TZ)).toEqual([]); // Sunday 10:00
  });
});

describe('spreading complaints across the officers on duty', () => {
  it('gives each new complaint to the officer with the fewest open cases, ties by name', () => {
    const open: Record<string, number> = { li: 0, zhang: 0 };
    const owners: string[] = [];
    for (let i = 0; i < 6; i++) {
      const owner = pickOwner(['zhang', 'li'], open) ?? '';
      owners.push(owner);
      open[owner] = (open[owner] ?? 0) + 1;
    }
    expect(owners).toEqual(['li', 'zhang', 'li', 'zhang', 'li', 'zhang']);
    expect(pickOwner(['zhang', 'li'], { li: 7, zhang: 2 })).toBe('zhang');
    expect(pickOwner([], {})).toBeUndefined();
  });
});
