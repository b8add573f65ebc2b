#include "FormMessages.h"

#include "Theme.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace hookline::form {

QLabel *makeErrorLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    setLabelTone(label, Tone::Negative);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    label->setVisible(false);
    return label;
}

void showError(QLabel *label, const QString &message)
{
    label->setText(sentence(message));
    label->setVisible(!message.isEmpty());
}

QLabel *makeBanner(QWidget *parent)
{
    auto *banner = new QLabel(parent);
    banner->setObjectName(QStringLiteral("errorBanner"));
    banner->setWordWrap(true);
    banner->setTextFormat(Qt::PlainText);
    setLabelBox(banner, Tone::Negative, BoxShape::Banner);
    banner->setVisible(false);
    return banner;
}

void showBanner(QLabel *banner, const QString &message)
{
    banner->setText(sentence(message));
    banner->setVisible(!message.isEmpty());
}

QString sentence(const QString &message)
{
    if (message.isEmpty() || !message.at(0).isLower())
        return message;
    return message.at(0).toUpper() + message.mid(1);
}

QVBoxLayout *withError(QWidget *field, QLabel *error)
{
    auto *column = new QVBoxLayout;
    column->setSpacing(2);
    column->addWidget(field);
    column->addWidget(error);
    return column;
}

QVBoxLayout *withError(QLayout *field, QLabel *error)
{
    auto *column = new QVBoxLayout;
    column->setSpacing(2);
    column->addLayout(field);
    column->addWidget(error);
    return column;
}

void addRow(QFormLayout *form, const QString &text, QWidget *buddy, QLayout *field)
{
    auto *label = new QLabel(text);
    label->setBuddy(buddy);
    form->addRow(label, field);
}

void addRow(QFormLayout *form, const QString &text, QWidget *field)
{
    auto *label = new QLabel(text);
    label->setBuddy(field);
    form->addRow(label, field);
}

QLabel *makeHint(const QString &text, QWidget *parent)
{
    auto *hint = new QLabel(text, parent);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    QFont font = hint->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    hint->setFont(font);
    return hint;
}

} // namespace hookline::form
