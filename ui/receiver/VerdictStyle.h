#pragma once

#include "signing/SignatureVerifier.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QString>

namespace hookline {

// How a signature verdict looks wherever it is shown: a short text, a colour and an icon whose
// shape differs by kind (check, cross, dash), so nobody has to tell colours apart. Colours are
// the theme's tones (Theme.h), so they keep their contrast in the light and the dark theme.
class VerdictStyle {
    Q_DECLARE_TR_FUNCTIONS(hookline::VerdictStyle)

public:
    enum class Kind { Verified, Failed, Unchecked };

    static Kind kind(Verdict::Outcome outcome);
    // "Verified", "Signature mismatch", "Timestamp 412 s old", "Header missing: webhook-id",
    // "Not checked", ...
    static QString text(const Verdict &verdict);
    // The same, short enough for a list column: no header names.
    static QString shortText(const Verdict &verdict);
    // The same without numbers (filters, legends).
    static QString outcomeText(Verdict::Outcome outcome);
    // For a person who must act: "Verified with secret “GitHub prod”." or the verdict's
    // message. Used in tooltips and the detail pane.
    static QString explanation(const Verdict &verdict);
    // Text and fill for the application's palette (light or dark theme).
    static QColor foreground(Kind kind);
    static QColor background(Kind kind);
    static QColor border(Kind kind);
    static QIcon icon(Kind kind);
};

} // namespace hookline
