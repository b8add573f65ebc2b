#pragma once

#include "Preferences.h"

#include <QColor>
#include <QPalette>

#include <optional>

class QLabel;

namespace hookline {

// The application's look: the platform's own style and palette ("system"), or Fusion with a
// light or a dark palette of ours. Colours that carry meaning (good, warning, bad, muted) come
// from here too, chosen for the palette in use so they read in both themes.

// Applies `theme` to the whole application at once (open windows included). The first call
// remembers the platform's style and palette, so System brings them back later.
void applyTheme(Theme theme);
// The theme applyTheme set last; System before any call.
Theme appliedTheme();

QPalette lightPalette();
QPalette darkPalette();
// Light text on a dark window: true for our dark palette and for dark system palettes.
bool isDarkPalette(const QPalette &palette);

enum class Tone { Positive, Warning, Negative, Muted };

// Text in `tone` that keeps a contrast of at least 4.5:1 on the palette's window and base.
QColor toneText(Tone tone, const QPalette &palette);
// A framed box in `tone` (banners, badges): its fill, border and text.
struct ToneBox {
    QColor background;
    QColor border;
    QColor text;
};
ToneBox toneBox(Tone tone, const QPalette &palette);
// The filled dots that mark a webhook's state in lists.
QColor statusDotColor(Tone tone, const QPalette &palette);

// Colours a label's text in `tone` (nullopt: the palette's own text colour) and keeps it right
// when the theme changes.
void setLabelTone(QLabel *label, std::optional<Tone> tone);
enum class BoxShape { Banner, Badge };
// Draws a label as a framed box in `tone` (nullopt: a plain label), kept right across theme
// changes. Banners are roomy and span a dialog; badges sit in a line of text.
void setLabelBox(QLabel *label, std::optional<Tone> tone, BoxShape shape = BoxShape::Banner);

} // namespace hookline
