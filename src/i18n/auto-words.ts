/** The sentences of monitors' auto-incidents, from a catalogue. */
import type { AutoWords } from "../domain/auto-incident";
import type { Locale } from "./locale";

export function autoWords(l: Locale): AutoWords {
  return {
    down: (subject) => l.t("auto.down", { subject }),
    slow: (subject) => l.t("auto.slow", { subject }),
    opened: (monitor) => l.t("auto.opened", { monitor }),
    openText: (symptom, since, why) => l.t("auto.openText", { symptom, since, why }),
    worseText: (symptom, why) => l.t("auto.worseText", { symptom, why }),
    improving: (subject) => l.t("auto.improving", { subject }),
    recovered: (subject, since, lasted) => l.t("auto.recovered", { subject, since, lasted }),
    titles: {
      update: l.t("phase.update"),
      investigating: l.t("phase.investigating"),
      improving: l.t("auto.improvingTitle"),
      resolved: l.t("phase.resolved"),
    },
    dateTime: l.dateTime,
    duration: l.duration,
  };
}
