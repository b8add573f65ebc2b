#include "ReceiverStartDialog.h"

#include "FormMessages.h"
#include "Theme.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPushButton>
#include <QRadioButton>
#include <QTimer>
#include <QVBoxLayout>

namespace hookline {

namespace {

bool isAnyAddress(const QHostAddress &address)
{
    return address == QHostAddress(QHostAddress::Any) ||
           address == QHostAddress(QHostAddress::AnyIPv4) ||
           address == QHostAddress(QHostAddress::AnyIPv6);
}

} // namespace

ReceiverStartDialog::ReceiverStartDialog(const ReceiverLaunch &initial, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("receiverStartDialog"));
    setWindowTitle(tr("Start a Receiver"));
    setMinimumWidth(560);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A receiver answers any method and path, checks each request's "
                                "signature and shows it here as it arrives."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_banner = form::makeBanner(this);
    layout->addWidget(m_banner);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_port = new QLineEdit(QString::number(initial.port), this);
    m_port->setObjectName(QStringLiteral("portEdit"));
    m_port->setAccessibleName(tr("Port"));
    m_port->setPlaceholderText(tr("8787, or 0 for a free port"));
    m_port->setFixedWidth(160);
    m_portError = form::makeErrorLabel(this, QStringLiteral("portError"));
    auto *portLabel = new QLabel(tr("&Port:"), this);
    portLabel->setBuddy(m_port);
    auto *portRow = new QHBoxLayout;
    portRow->addWidget(m_port);
    portRow->addStretch(1);
    form->addRow(portLabel, form::withError(portRow, m_portError));

    m_host = new QComboBox(this);
    m_host->setObjectName(QStringLiteral("hostCombo"));
    m_host->setAccessibleName(tr("Address"));
    m_host->setEditable(true);
    m_host->addItems({QStringLiteral("127.0.0.1"), QStringLiteral("::1"), QStringLiteral("0.0.0.0"),
                      QStringLiteral("::")});
    m_host->setCurrentText(initial.host.isNull() ? QStringLiteral("127.0.0.1")
                                                 : initial.host.toString());
    m_hostError = form::makeErrorLabel(this, QStringLiteral("hostError"));
    auto *hostColumn = form::withError(m_host, m_hostError);
    hostColumn->addWidget(
        form::makeHint(tr("127.0.0.1: only programs on this computer can send to "
                          "the receiver (a tunnel such as ngrok forwards to it)."),
                       this));
    m_hostWarning = new QLabel(this);
    m_hostWarning->setObjectName(QStringLiteral("hostWarning"));
    m_hostWarning->setWordWrap(true);
    setLabelBox(m_hostWarning, Tone::Warning);
    m_hostWarning->setVisible(false);
    hostColumn->addWidget(m_hostWarning);
    m_allowRemote = new QCheckBox(tr("Accept requests from other machines on this address"), this);
    m_allowRemote->setObjectName(QStringLiteral("allowRemoteCheck"));
    m_allowRemote->setVisible(false);
    hostColumn->addWidget(m_allowRemote);
    auto *hostLabel = new QLabel(tr("&Address:"), this);
    hostLabel->setBuddy(m_host);
    form->addRow(hostLabel, hostColumn);

    m_https = new QCheckBox(tr("&HTTPS"), this);
    m_https->setObjectName(QStringLiteral("httpsCheck"));
    m_https->setChecked(initial.isTls());
    form->addRow(tr("Protocol:"), m_https);
    layout->addLayout(form);

    m_certificateGroup = buildCertificateGroup();
    layout->addWidget(m_certificateGroup);
    if (initial.certificate == ReceiverLaunch::Certificate::Files) {
        m_ownFiles->setChecked(true);
        m_certificatePath->setText(initial.certificatePath);
        m_keyPath->setText(initial.keyPath);
    }

    m_record = new QCheckBox(tr("&Record each request in the database (earlier requests are "
                                "shown when the receiver starts again)"),
                             this);
    m_record->setObjectName(QStringLiteral("recordCheck"));
    m_record->setChecked(initial.record);
    layout->addWidget(m_record);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_start = buttons->addButton(tr("&Start"), QDialogButtonBox::AcceptRole);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setDefault(true);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, [this] {
        if (m_busy)
            return;
        if (auto launch = validatedLaunch())
            emit startRequested(*launch);
    });
    connect(m_host, &QComboBox::currentTextChanged, this, &ReceiverStartDialog::updateHostState);
    connect(m_allowRemote, &QCheckBox::toggled, this, &ReceiverStartDialog::updateHostState);
    connect(m_https, &QCheckBox::toggled, this, &ReceiverStartDialog::updateTlsState);
    connect(m_ownFiles, &QRadioButton::toggled, this, &ReceiverStartDialog::updateTlsState);
    connect(m_port, &QLineEdit::textEdited, this, [this] { form::showError(m_portError, {}); });
    updateHostState();
    updateTlsState();
}

QWidget *ReceiverStartDialog::buildCertificateGroup()
{
    auto *group = new QWidget(this);
    auto *layout = new QVBoxLayout(group);
    layout->setContentsMargins(24, 0, 0, 0);
    m_generated = new QRadioButton(tr("Hookline's self-signed certificate for localhost and "
                                      "127.0.0.1 (generated on first use, then kept)"),
                                   group);
    m_generated->setObjectName(QStringLiteral("generatedCertRadio"));
    m_generated->setChecked(true);
    m_ownFiles = new QRadioButton(tr("My own certificate and private key (PEM files)"), group);
    m_ownFiles->setObjectName(QStringLiteral("ownCertRadio"));
    auto *choice = new QButtonGroup(group);
    choice->addButton(m_generated);
    choice->addButton(m_ownFiles);
    layout->addWidget(m_generated);
    layout->addWidget(m_ownFiles);

    m_filesGroup = new QWidget(group);
    auto *files = new QFormLayout(m_filesGroup);
    files->setContentsMargins(24, 0, 0, 0);
    files->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto pathRow = [this](QLineEdit *&edit, QLabel *&error, const QString &objectName,
                                const QString &errorName, const QString &accessible,
                                const QString &title) {
        edit = new QLineEdit(m_filesGroup);
        edit->setObjectName(objectName);
        edit->setAccessibleName(accessible);
        auto *browseButton = new QPushButton(tr("Browse…"), m_filesGroup);
        connect(browseButton, &QPushButton::clicked, this,
                [this, edit, title] { browse(edit, title); });
        connect(edit, &QLineEdit::textEdited, this, [this] { clearErrors(); });
        auto *row = new QHBoxLayout;
        row->addWidget(edit, 1);
        row->addWidget(browseButton);
        error = form::makeErrorLabel(m_filesGroup, errorName);
        return form::withError(row, error);
    };
    files->addRow(tr("Certificate:"),
                  pathRow(m_certificatePath, m_certificateError, QStringLiteral("certPathEdit"),
                          QStringLiteral("certError"), tr("Certificate file"),
                          tr("Certificate (PEM)")));
    files->addRow(tr("Private key:"), pathRow(m_keyPath, m_keyError, QStringLiteral("keyPathEdit"),
                                              QStringLiteral("keyError"), tr("Private key file"),
                                              tr("Private key (PEM, unencrypted)")));
    layout->addWidget(m_filesGroup);
    return group;
}

void ReceiverStartDialog::browse(QLineEdit *edit, const QString &title)
{
    const QString path = QFileDialog::getOpenFileName(
        this, title, edit->text(), tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
    if (!path.isEmpty())
        edit->setText(path);
}

std::optional<QHostAddress> ReceiverStartDialog::parsedHost(QString *problem) const
{
    const QString text = m_host->currentText().trimmed();
    if (text.isEmpty()) {
        *problem = tr("Address: enter the address to listen on, such as 127.0.0.1.");
        return std::nullopt;
    }
    const QHostAddress address = text.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(text);
    if (address.isNull()) {
        *problem = tr("Address “%1” is not an IP address. Use 127.0.0.1 (this computer only), "
                      "::1, or 0.0.0.0 (every address).")
                       .arg(text);
        return std::nullopt;
    }
    if (!address.isLoopback() && !isAnyAddress(address) &&
        !QNetworkInterface::allAddresses().contains(address)) {
        *problem = tr("Address %1 does not belong to this computer. Use 127.0.0.1, or one of "
                      "this computer's addresses.")
                       .arg(address.toString());
        return std::nullopt;
    }
    return address;
}

void ReceiverStartDialog::refit()
{
    // Messages come and go under the fields: the dialog grows (or shrinks) to show them whole.
    QTimer::singleShot(0, this, [this] {
        layout()->activate();
        resize(width(),
               heightForWidth(width()) > 0 ? heightForWidth(width()) : sizeHint().height());
    });
}

void ReceiverStartDialog::updateHostState()
{
    QString problem;
    const auto host = parsedHost(&problem);
    const bool remote = host && !host->isLoopback();
    m_allowRemote->setVisible(remote);
    m_hostWarning->setVisible(remote);
    if (remote)
        m_hostWarning->setText(
            isAnyAddress(*host)
                ? tr("Every address: other machines on your networks can send requests to this "
                     "receiver and read its answers.")
                : tr("%1 is reachable from other machines: they can send requests to this "
                     "receiver and read its answers.")
                      .arg(host->toString()));
    form::showError(m_hostError, {});
    refit();
}

void ReceiverStartDialog::updateTlsState()
{
    m_certificateGroup->setVisible(m_https->isChecked());
    m_filesGroup->setEnabled(m_ownFiles->isChecked());
    clearErrors();
    refit();
}

void ReceiverStartDialog::clearErrors()
{
    form::showError(m_certificateError, {});
    form::showError(m_keyError, {});
    form::showBanner(m_banner, {});
}

QString ReceiverStartDialog::portProblem(const QString &text, std::optional<quint16> *port)
{
    const QString trimmed = text.trimmed();
    bool ok = false;
    const int value = trimmed.toInt(&ok);
    if (trimmed.isEmpty())
        return tr("Port: enter a port number from 1 to 65535, or 0 to let the system pick a free "
                  "one.");
    if (!ok || value < 0 || value > 65535)
        return tr("Port “%1” is not a port number: enter 1 to 65535, or 0 to let the system "
                  "pick a free one.")
            .arg(trimmed);
    *port = quint16(value);
    return {};
}

QString ReceiverStartDialog::portInUseMessage(const QHostAddress &host, quint16 port)
{
    return tr("Port %1 is already in use on %2 by another program or receiver. Choose another "
              "port, or 0 to let the system pick a free one.")
        .arg(port)
        .arg(host.toString());
}

std::optional<ReceiverLaunch> ReceiverStartDialog::validatedLaunch()
{
    form::showBanner(m_banner, {});
    bool ok = true;
    ReceiverLaunch launch;

    std::optional<quint16> port;
    const QString portError = portProblem(m_port->text(), &port);
    form::showError(m_portError, portError);
    if (port)
        launch.port = *port;
    ok = ok && port.has_value();

    QString hostProblem;
    const auto host = parsedHost(&hostProblem);
    if (host && !host->isLoopback() && !m_allowRemote->isChecked())
        hostProblem = tr("Address %1 lets other machines reach the receiver: tick “Accept "
                         "requests from other machines”, or use 127.0.0.1.")
                          .arg(host->toString());
    form::showError(m_hostError, hostProblem);
    ok = ok && hostProblem.isEmpty();
    if (host)
        launch.host = *host;

    form::showError(m_certificateError, {});
    form::showError(m_keyError, {});
    if (m_https->isChecked()) {
        if (m_ownFiles->isChecked()) {
            launch.certificate = ReceiverLaunch::Certificate::Files;
            launch.certificatePath = m_certificatePath->text().trimmed();
            launch.keyPath = m_keyPath->text().trimmed();
            const auto checkFile = [&ok](const QString &path, QLabel *error, const QString &what) {
                QString problem;
                const QFileInfo info(path);
                if (path.isEmpty())
                    problem = tr("%1: choose the PEM file.").arg(what);
                else if (!info.exists())
                    problem = tr("%1: %2 does not exist; choose the PEM file.").arg(what, path);
                else if (!info.isFile() || !info.isReadable())
                    problem = tr("%1: %2 cannot be read; check its permissions or choose another "
                                 "file.")
                                  .arg(what, path);
                form::showError(error, problem);
                ok = ok && problem.isEmpty();
            };
            checkFile(launch.certificatePath, m_certificateError, tr("Certificate file"));
            checkFile(launch.keyPath, m_keyError, tr("Private key file"));
        } else {
            launch.certificate = ReceiverLaunch::Certificate::Generated;
        }
    }
    launch.record = m_record->isChecked();
    refit();
    if (!ok)
        return std::nullopt;
    return launch;
}

void ReceiverStartDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_start->setEnabled(!busy);
    m_start->setText(busy ? tr("Starting…") : tr("&Start"));
}

void ReceiverStartDialog::showStartError(const Error &error)
{
    setBusy(false);
    const QString field = error.field;
    if (field == QLatin1String("port")) {
        std::optional<quint16> port;
        portProblem(m_port->text(), &port);
        QString problem;
        const auto host = parsedHost(&problem);
        QString message = error.code == ErrorCode::Conflict && port && host
                              ? portInUseMessage(*host, *port)
                              : tr("Port: %1.").arg(error.message);
        if (error.code != ErrorCode::Conflict && port && *port > 0 && *port < 1024)
            message += QLatin1Char(' ') + tr("Ports below 1024 need administrator rights; choose "
                                             "1024 or above.");
        form::showError(m_portError, message);
        m_port->setFocus();
        m_port->selectAll();
    } else if (field == QLatin1String("certificate") && m_ownFiles->isChecked()) {
        form::showError(m_certificateError, tr("Certificate file: %1").arg(error.message));
    } else if ((field == QLatin1String("key") || field == QLatin1String("privateKey")) &&
               m_ownFiles->isChecked()) {
        form::showError(m_keyError, tr("Private key file: %1").arg(error.message));
    } else {
        form::showBanner(m_banner, error.message);
    }
    refit();
}

} // namespace hookline
