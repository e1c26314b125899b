// CPU cost per hour of the ticking countdowns for 20 sessions: the core scheduler driven by a fake
// clock through one simulated hour, counting wake-ups and labels redrawn and timing the work.
import { CountdownScheduler } from '../src/core/sessions/countdownScheduler';
import { countdown, countdownState } from '../src/core/sessions/session';

const MINUTE = 60_000;

export function benchCountdown(sessions = 20, warningMinutes = 10): { wakeUps: number; labelsRedrawn: number; cpuMs: number; cpuPerWakeUpUs: number } {
  const t0 = Date.UTC(2026, 10, 22, 0, 0, 0);
  // A realistic mix: some sessions expire inside the hour (and tick by the second at the end), most do not.
  const items = Array.from({ length: sessions }, (_, i) => ({ id: `s${i}`, expiration: t0 + (i % 4 === 0 ? (15 + i) * MINUTE : (70 + i * 23) * MINUTE) + i * 1_337 }));
  const scheduler = new CountdownScheduler(warningMinutes * MINUTE);
  let now = t0;
  let wakeUps = 0;
  let labelsRedrawn = 0;
  const cpu0 = process.cpuUsage();
  while (now < t0 + 60 * MINUTE) {
    const tick = scheduler.tick(items, now);
    wakeUps++;
    // What the view does for each changed label: compute its time left and state (the editor then words it).
    for (const id of tick.changed) {
      const item = items.find((x) => x.id === id)!;
      countdown(item.expiration, now);
      countdownState(item.expiration, now, warningMinutes * MINUTE);
      labelsRedrawn++;
    }
    if (tick.nextAt === undefined) break;
    now = tick.nextAt;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { wakeUps, labelsRedrawn, cpuMs, cpuPerWakeUpUs: (cpuMs * 1000) / wakeUps };
}

if (require.main === module) {
  const r = benchCountdown();
  console.log(`countdown: 20 sessions over one simulated hour: ${r.wakeUps} wake-ups, ${r.labelsRedrawn} labels redrawn, ${r.cpuMs.toFixed(2)} ms CPU per hour (${r.cpuPerWakeUpUs.toFixed(1)} µs per wake-up); a naive 1 s timer would wake 3600 times and redraw 72000 labels`);
}
