#include "Theme.h"

#include <QApplication>
#include <QEvent>
#include <QIconEngine>
#include <QLabel>
#include <QPainter>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOption>
#include <QTimer>
#include <QToolTip>

namespace hookline {

namespace {

// What the platform gave the application before any theme of ours replaced it.
struct PlatformLook {
    bool captured = false;
    QString styleName;
    QPalette toolTipPalette;
};

PlatformLook &platformLook()
{
    static PlatformLook look;
    return look;
}

Theme &currentTheme()
{
    static Theme theme = Theme::System;
    return theme;
}

void capturePlatformLook()
{
    PlatformLook &look = platformLook();
    if (look.captured)
        return;
    look.styleName = QApplication::style()->name();
    look.toolTipPalette = QToolTip::palette();
    look.captured = true;
}

void setStyleByName(const QString &name)
{
    if (QApplication::style()->name().compare(name, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(name);
}

// A glyph icon (a dark shape on transparency) painted in the text colour of the palette in use
// at the time it is drawn, so it shows on light and dark palettes alike, and after a switch.
class GlyphIconEngine final : public QIconEngine {
public:
    explicit GlyphIconEngine(QIcon glyph)
        : m_glyph(std::move(glyph))
    {}

    QIconEngine *clone() const override { return new GlyphIconEngine(m_glyph); }

    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return m_glyph.actualSize(size, mode, state);
    }

    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return m_glyph.availableSizes(mode, state);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pixmap = m_glyph.pixmap(size, QIcon::Normal, state);
        if (pixmap.isNull())
            return pixmap;
        const QPalette palette = QGuiApplication::palette();
        const QColor color = palette.color(
            mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::ButtonText);
        QPainter painter(&pixmap);
        // Keeps the glyph's shape and coverage, replaces its colour.
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(pixmap.rect(), color);
        return pixmap;
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        painter->drawPixmap(rect, pixmap(rect.size(), mode, state));
    }

private:
    QIcon m_glyph;
};

// Fusion, with the few standard icons it draws as dark glyphs (media controls, toolbar
// overflow arrows) painted in the palette's text colour instead, so they show on a dark palette.
class ThemeStyle final : public QProxyStyle {
public:
    ThemeStyle()
        : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
    {}

    QIcon standardIcon(StandardPixmap icon, const QStyleOption *option,
                       const QWidget *widget) const override
    {
        QIcon base = QProxyStyle::standardIcon(icon, option, widget);
        if (!isGlyph(icon) || base.isNull())
            return base;
        return QIcon(new GlyphIconEngine(std::move(base)));
    }

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget) const override
    {
        // Fusion outlines check boxes and radio buttons (item views' check boxes too) in the
        // window colour darkened, which vanishes on a dark base: outline them in a light grey.
        const auto *button = qstyleoption_cast<const QStyleOptionButton *>(option);
        if (button && isDarkPalette(button->palette) &&
            (element == PE_IndicatorCheckBox || element == PE_IndicatorRadioButton)) {
            QStyleOptionButton lighter(*button);
            // Fusion draws the outline as this colour darkened by 140 %: #75757e.
            lighter.palette.setColor(QPalette::Window, QColor::fromRgb(0xa4a4b0));
            QProxyStyle::drawPrimitive(element, &lighter, painter, widget);
            return;
        }
        QProxyStyle::drawPrimitive(element, option, painter, widget);
    }

private:
    static bool isGlyph(StandardPixmap icon)
    {
        switch (icon) {
        case SP_MediaPlay:
        case SP_MediaPause:
        case SP_MediaStop:
        case SP_MediaSkipForward:
        case SP_MediaSkipBackward:
        case SP_MediaSeekForward:
        case SP_MediaSeekBackward:
        case SP_MediaVolume:
        case SP_MediaVolumeMuted:
        case SP_ToolBarHorizontalExtensionButton:
        case SP_ToolBarVerticalExtensionButton:
            return true;
        default:
            return false;
        }
    }
};

// Sets one colour for the active and inactive groups (selected rows stay as visible when the
// window loses focus) and another for the disabled group.
void setRole(QPalette &palette, QPalette::ColorRole role, const QColor &normal,
             const QColor &disabled)
{
    palette.setColor(QPalette::Active, role, normal);
    palette.setColor(QPalette::Inactive, role, normal);
    palette.setColor(QPalette::Disabled, role, disabled);
}

void setRole(QPalette &palette, QPalette::ColorRole role, const QColor &color)
{
    setRole(palette, role, color, color);
}

QColor rgb(QRgb value)
{
    return QColor::fromRgb(value);
}

// Tone and label-kind properties on a label, read back when the palette changes.
constexpr char kToneProperty[] = "hooklineTone";
constexpr char kShapeProperty[] = "hooklineToneShape";
constexpr int kNoTone = -1;
constexpr int kTextShape = 0;
constexpr int kBannerShape = 1;
constexpr int kBadgeShape = 2;

QString labelStyleSheet(QLabel *label)
{
    bool ok = false;
    const int toneValue = label->property(kToneProperty).toInt(&ok);
    if (!ok || toneValue == kNoTone)
        return {};
    const auto tone = Tone(toneValue);
    const QPalette palette = QGuiApplication::palette();
    switch (label->property(kShapeProperty).toInt()) {
    case kBannerShape:
    case kBadgeShape: {
        const ToneBox box = toneBox(tone, palette);
        const bool badge = label->property(kShapeProperty).toInt() == kBadgeShape;
        return QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3; %4 }")
            .arg(box.background.name(), box.text.name(), box.border.name(),
                 badge ? QStringLiteral("border-radius: 3px; padding: 0px 6px; font-weight: bold;")
                       : QStringLiteral("border-radius: 4px; padding: 8px;"));
    }
    default:
        return QStringLiteral("QLabel { color: %1; }").arg(toneText(tone, palette).name());
    }
}

void restyle(QLabel *label)
{
    const QString sheet = labelStyleSheet(label);
    // Setting a style sheet sends a style change back here: only set what differs.
    if (label->styleSheet() != sheet)
        label->setStyleSheet(sheet);
}

// Re-colours toned labels when the application's palette or style changes.
class ToneKeeper final : public QObject {
public:
    using QObject::QObject;

    static ToneKeeper *instance()
    {
        static ToneKeeper *keeper = new ToneKeeper(QCoreApplication::instance());
        return keeper;
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        switch (event->type()) {
        case QEvent::ApplicationPaletteChange:
        case QEvent::PaletteChange:
        case QEvent::StyleChange:
            if (auto *label = qobject_cast<QLabel *>(watched))
                restyle(label);
            break;
        default:
            break;
        }
        return false;
    }
};

// Widgets with a style sheet keep the palette they were polished with: Qt does not pass a new
// application palette on to them. Once the new palette has reached every widget, polish those
// again (a toned label gets its colours for the new palette).
void repolishStyleSheets()
{
    QTimer::singleShot(0, QCoreApplication::instance(), [] {
        const QWidgetList widgets = QApplication::allWidgets();
        for (QWidget *widget : widgets) {
            if (widget->styleSheet().isEmpty())
                continue;
            auto *label = qobject_cast<QLabel *>(widget);
            const QString sheet = label && label->property(kToneProperty).isValid()
                                      ? labelStyleSheet(label)
                                      : widget->styleSheet();
            widget->setStyleSheet(sheet);
        }
    });
}

void keepToned(QLabel *label, std::optional<Tone> tone, int shape)
{
    label->setProperty(kToneProperty, tone ? int(*tone) : kNoTone);
    label->setProperty(kShapeProperty, shape);
    // Installing twice keeps one entry.
    label->installEventFilter(ToneKeeper::instance());
    restyle(label);
}

} // namespace

void applyTheme(Theme theme)
{
    capturePlatformLook();
    const PlatformLook &look = platformLook();
    switch (theme) {
    case Theme::System:
        setStyleByName(look.styleName);
        // A palette with no role set resolves every role from the platform again.
        QApplication::setPalette(QPalette());
        QToolTip::setPalette(look.toolTipPalette);
        break;
    case Theme::Light:
    case Theme::Dark: {
        // Fusion draws with the palette alone, so ours applies everywhere.
        if (!dynamic_cast<ThemeStyle *>(QApplication::style()))
            QApplication::setStyle(new ThemeStyle);
        const QPalette palette = theme == Theme::Dark ? darkPalette() : lightPalette();
        QApplication::setPalette(palette);
        QToolTip::setPalette(palette);
        break;
    }
    }
    currentTheme() = theme;
    repolishStyleSheets();
}

Theme appliedTheme()
{
    return currentTheme();
}

QPalette lightPalette()
{
    QPalette p;
    setRole(p, QPalette::Window, rgb(0xefefef), rgb(0xefefef));
    setRole(p, QPalette::WindowText, rgb(0x1f1f1f), rgb(0x6e6e6e));
    setRole(p, QPalette::Base, rgb(0xffffff), rgb(0xf5f5f5));
    setRole(p, QPalette::AlternateBase, rgb(0xf4f5f7), rgb(0xf0f0f0));
    setRole(p, QPalette::Text, rgb(0x1f1f1f), rgb(0x6e6e6e));
    setRole(p, QPalette::PlaceholderText, rgb(0x6b6b6b));
    setRole(p, QPalette::Button, rgb(0xf3f3f3), rgb(0xebebeb));
    setRole(p, QPalette::ButtonText, rgb(0x1f1f1f), rgb(0x6e6e6e));
    setRole(p, QPalette::BrightText, rgb(0xffffff));
    setRole(p, QPalette::Light, rgb(0xffffff));
    setRole(p, QPalette::Midlight, rgb(0xe3e3e3));
    setRole(p, QPalette::Mid, rgb(0xb8b8b8));
    setRole(p, QPalette::Dark, rgb(0x9f9f9f));
    setRole(p, QPalette::Shadow, rgb(0x767676));
    setRole(p, QPalette::Highlight, rgb(0x2a6fb8), rgb(0xc8c8c8));
    setRole(p, QPalette::HighlightedText, rgb(0xffffff), rgb(0x4a4a4a));
    setRole(p, QPalette::Link, rgb(0x0b57d0), rgb(0x6e6e6e));
    setRole(p, QPalette::LinkVisited, rgb(0x6a1b9a), rgb(0x6e6e6e));
    setRole(p, QPalette::ToolTipBase, rgb(0xfffbe6));
    setRole(p, QPalette::ToolTipText, rgb(0x1f1f1f));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    setRole(p, QPalette::Window, rgb(0x2b2b2f), rgb(0x2b2b2f));
    setRole(p, QPalette::WindowText, rgb(0xe6e6e9), rgb(0x95959c));
    setRole(p, QPalette::Base, rgb(0x1e1e22), rgb(0x26262a));
    setRole(p, QPalette::AlternateBase, rgb(0x26262b), rgb(0x29292d));
    setRole(p, QPalette::Text, rgb(0xe6e6e9), rgb(0x95959c));
    setRole(p, QPalette::PlaceholderText, rgb(0x9d9da4));
    setRole(p, QPalette::Button, rgb(0x3a3a40), rgb(0x323236));
    setRole(p, QPalette::ButtonText, rgb(0xe6e6e9), rgb(0x95959c));
    setRole(p, QPalette::BrightText, rgb(0xffffff));
    setRole(p, QPalette::Light, rgb(0x55555c));
    setRole(p, QPalette::Midlight, rgb(0x47474d));
    setRole(p, QPalette::Mid, rgb(0x303035));
    setRole(p, QPalette::Dark, rgb(0x1c1c1f));
    setRole(p, QPalette::Shadow, rgb(0x111113));
    setRole(p, QPalette::Highlight, rgb(0x2f6db5), rgb(0x45454b));
    setRole(p, QPalette::HighlightedText, rgb(0xffffff), rgb(0xb0b0b6));
    setRole(p, QPalette::Link, rgb(0x82bdff), rgb(0x95959c));
    setRole(p, QPalette::LinkVisited, rgb(0xc9a2f2), rgb(0x95959c));
    setRole(p, QPalette::ToolTipBase, rgb(0x3b3b42));
    setRole(p, QPalette::ToolTipText, rgb(0xf0f0f2));
    return p;
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor toneText(Tone tone, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    switch (tone) {
    case Tone::Positive:
        return dark ? rgb(0x7fd694) : rgb(0x1b6e31);
    case Tone::Warning:
        return dark ? rgb(0xf2c15b) : rgb(0x8a5300);
    case Tone::Negative:
        return dark ? rgb(0xff8f85) : rgb(0xb3261e);
    case Tone::Muted:
        break;
    }
    return dark ? rgb(0xa6a6ad) : rgb(0x616161);
}

ToneBox toneBox(Tone tone, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    switch (tone) {
    case Tone::Positive:
        return dark ? ToneBox{rgb(0x173a24), rgb(0x2f7a47), rgb(0xc9f2d5)}
                    : ToneBox{rgb(0xe6f4ea), rgb(0x9bd3ab), rgb(0x14532d)};
    case Tone::Warning:
        return dark ? ToneBox{rgb(0x45360f), rgb(0xa47c16), rgb(0xffe2a0)}
                    : ToneBox{rgb(0xfff3cd), rgb(0xe0a800), rgb(0x5c3b00)};
    case Tone::Negative:
        return dark ? ToneBox{rgb(0x4a1f1f), rgb(0x8f3b3b), rgb(0xffd9d5)}
                    : ToneBox{rgb(0xfdecea), rgb(0xf1aeb5), rgb(0x611a15)};
    case Tone::Muted:
        break;
    }
    return dark ? ToneBox{rgb(0x34343a), rgb(0x55555c), rgb(0xdadade)}
                : ToneBox{rgb(0xf0f0f0), rgb(0xc8c8c8), rgb(0x404040)};
}

QColor statusDotColor(Tone tone, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    switch (tone) {
    case Tone::Positive:
        return dark ? rgb(0x4cc36a) : rgb(0x2e9d4a);
    case Tone::Warning:
        return dark ? rgb(0xf0b040) : rgb(0xe09b1a);
    case Tone::Negative:
        return dark ? rgb(0xff6b5e) : rgb(0xd0392b);
    case Tone::Muted:
        break;
    }
    return dark ? rgb(0x8c8c93) : rgb(0x9a9a9a);
}

void setLabelTone(QLabel *label, std::optional<Tone> tone)
{
    keepToned(label, tone, kTextShape);
}

void setLabelBox(QLabel *label, std::optional<Tone> tone, BoxShape shape)
{
    keepToned(label, tone, shape == BoxShape::Badge ? kBadgeShape : kBannerShape);
}

} // namespace hookline
