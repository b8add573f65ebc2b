<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>hookline::AboutDialog</name>
    <message>
        <source>About Hookline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hookline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A desktop console for webhooks: register endpoints, sign what is sent to them, see every delivery, and keep each signing secret where only you and the receiver can see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No database is open yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the folder that holds the database in your file manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing secrets and credentials are encrypted before they are stored; how is known once the database is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing secrets and credentials are encrypted before they are stored, never kept in plain text: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MIT License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the license text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MIT License: show the license text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>License:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>License text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The license text is missing from this build; Hookline is released under the MIT License.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::DeliveryDetailView</name>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed, retry scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed, gave up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request as sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response as received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request (auth and signature values redacted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a delivery to see its payload, the requests sent and the responses received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading delivery %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery %1 could not be read.
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered on the first attempt (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered on attempt %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed after 1 attempt: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed after %1 attempts; the last got: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt %1 failed (%2); the next is due at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt %1 failed (%2); a retry is scheduled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being sent now (attempt %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before it was delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (replay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (test)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(now named %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replayed as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · no response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(URL of a deleted webhook)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(cut at 64 KiB: the rest was not kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not attempted yet: it waits for the dispatcher.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attempt was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · took %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::DeliveryTableModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1
Replay of delivery %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Webhook %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed; the next attempt is due at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be sent (due at %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer matches the filters: it is now %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::DispatchStatusWidget</name>
    <message>
        <source>Deliveries waiting to be sent, or to be retried later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests under way now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts answered with 2xx in the last minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts that failed in the last minute (any status other than 2xx, a timeout or a connection error)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not dispatching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries start once the database is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Dispatching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued events are being delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>❚❚ Dispatching paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is sent until dispatching resumes; new events wait in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In flight: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered/min: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed/min: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::EventPicker</name>
    <message>
        <source>Search events by name, provider or description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Custom Event Type…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event type is not in the catalog; uncheck it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 event selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 events selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check an event to choose it; Space toggles the current one</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::EventTypeDialog</name>
    <message>
        <source>Add Custom Event Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Define an event type of your own. It joins the catalog under ǌustom” and can be picked like any other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. invoice.paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, in one sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sample data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sample is the JSON object sent as ᳚ta” when you send a test event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Event Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::ExampleData</name>
    <message>
        <source>Example CRM sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example: contacts and deals, signed with X-Webhook-Signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example email replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example: email activity, signed the Standard Webhooks way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example call tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example: phone calls, signed like GitHub (X-Hub-Signature-256).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::ExportFileDialog</name>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HAR 1.2 (*.har)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace it with this export?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::GettingStartedPanel</name>
    <message>
        <source>Start a receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Hookline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the getting-started guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hookline signs and sends webhooks, and receives them. These three steps show the whole loop on this computer in under a minute; nothing leaves it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Webhook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send Test Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Example Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a receiver, create three example webhooks pointed at it (one per signature scheme) and send them a few events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or let Hookline set up an example to explore:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or explore an example:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading Examples…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A receiver listens at %1: it shows each request and checks its signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A local endpoint on 127.0.0.1 that shows every request it gets and says whether its signature verifies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point it at your receiver (the form starts with its address) or at an HTTPS endpoint of your own. You see its signing secret once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An HTTPS endpoint and the events it wants. You see its signing secret once, so keep it where your receiver can read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hookline registers a test webhook for your receiver if needed, sends it a signed event and shows the verdict in the Receivers tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A signed sample event to your webhook; the result shows in the status bar and in History.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a receiver or register a webhook first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Receiver</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::HistoryClient</name>
    <message>
        <source>The database is not open yet; wait until it has opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2. Check the free space and permissions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::HistoryFilterBar</name>
    <message>
        <source>Clear Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search event id, resource id or payload text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every word must occur in the event id, its resource ids or its payload; a delivery or event UUID finds that delivery. (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only deliveries to this webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this event type (pick one or type its exact name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All event types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only deliveries with this outcome so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only deliveries whose last attempt got this response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2xx success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3xx redirect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4xx client error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5xx server error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No HTTP response: timeout, refused connection, TLS error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries created at or after this time (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries created before this time (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every delivery again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted webhook %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::HistoryView</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More deliveries could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than %1 new deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 new delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the event id, resource ids and payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the same event again to the same webhook, as a new delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay &amp;To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the same event to another webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay All &amp;Matching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay every delivery the filters show, paced per webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay All Matching To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay every delivery the filters show to another webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as c&amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy a command that sends this request again, signatures included and credentials redacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as cURL with &amp;Credentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the command with the webhook&apos;s real credentials (asks first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the event payload exactly as it was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Delivery ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Webhook&apos;s Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the list to this delivery&apos;s webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected deliveries as JSON Lines or HAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export All Matching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every delivery the filters show as JSON Lines or HAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the list again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery history could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No delivery matches these filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change or clear the filters. Deliveries that match appear here as they happen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deliveries yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send an event from the Webhooks tab (Send Event or Send Test Event). Every delivery, with the requests sent and the answers received, appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matching deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 matching delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matching deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replay %1 Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Deliveries of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook %1 is disabled, so it receives nothing. Enable it in the Webhooks tab, or use Replay To… to send the event to another webhook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook of this delivery was deleted. Use Replay To… to send the event to another webhook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That webhook was deleted meanwhile; choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The delivery is no longer in the history (retention may have removed it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay %1 deliveries?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each event is sent again to its webhook as a new delivery, signed with the webhook&apos;s current secret. The originals stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the event %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not replayed. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 replayed, the others not. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replayed as delivery %1 to %2; it is sent shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replayed %1 deliveries; they are sent shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every delivery the filters show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the deliveries to replay…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was replayed. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to replay: no delivery matches the filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each event is sent again to its own webhook as a new delivery; the originals stay as they are. Deliveries of disabled or deleted webhooks are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each event is sent to %1 as a new delivery; the originals stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 per second go to each webhook, so a recovering receiver is not flooded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No filter is set: this is the whole history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay 1 delivery?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bulk replay stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk replay cancelled: %1 deliveries were queued before it stopped; they are still sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued %1 replays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 skipped: their webhook is disabled or deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last is due at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaying %1 deliveries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy with Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the request with the real credentials of %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command will hold the webhook&apos;s authorization header (token, password or API key) in plain text. Anyone who sees it can call the receiver as Hookline. Paste it only where that is safe, and clear the clipboard afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cURL command: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied a cURL command for delivery %1 with its credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied a cURL command for delivery %1 (credentials redacted, signatures as sent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the payload of delivery %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payload could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the delivery id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 delivery ids.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Matching Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Selected Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed and nothing was written. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled; %1 was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 deliveries to %2 (%3, credentials and signatures redacted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History is kept without limit (no retention set).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the newest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History was not pruned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruned %1 deliveries before stopping (retention: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pruned %1 deliveries, %2 attempts and %3 events (retention: %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention applied (%1): nothing to prune.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy cURL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was replayed: an export or replay is running. Wait for it or cancel it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was exported: a replay or export is running. Wait for it or cancel it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::JsonObjectInput</name>
    <message>
        <source>a comma or a closing } is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a colon is missing after the field name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a comma or a closing ] is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a comma is missing between two values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not a JSON value (text needs double quotes; true, false and null are lowercase)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the text ends inside a number; a closing } is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this escape sequence is not valid in a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string holds invalid UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string is not closed with a double quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a value or a field is missing here (a comma too many?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is more text after the closing }</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a JSON object; {} sends an empty one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON at line %1, column %2 (offset %3): %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be a JSON object in braces, like {&quot;id&quot;: &quot;123&quot;}, not an array.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::MainWindow</name>
    <message>
        <source>Hookline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the database path (--db or HOOKLINE_DB) and the data key (OS keychain, key file or HOOKLINE_MASTER_KEY), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No webhooks yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Receivers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, URL, event or status (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No webhook matches %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Webhook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rotate Secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Hookline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send Event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;Test Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause Dispatching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets: %1
Database: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhooks could not be listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A disabled webhook receives nothing, test events included; enable it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the webhook its first event&apos;s sample, once (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable: deliver events to this webhook again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable: stop deliveries and cancel pending ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test event for %1 was not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created webhook %1; its test event waits until dispatching resumes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created webhook %1; sending it a test event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created webhook %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved webhook %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook could not be enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook could not be disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled %1; events are delivered to it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled %1; its pending deliveries were cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate Signing Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate the signing secret of %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new secret is generated and shown once. The previous secret stays valid for 24 hours, so receivers can switch over without rejecting deliveries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret could not be rotated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotated the secret of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the webhook %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing more will be sent to %1, and its pending deliveries are cancelled. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook could not be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted webhook %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1 queued for 1 webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1 queued for %2 webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (dispatching is paused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test event %1 queued for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume Dispatching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume dispatching: send queued events again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause dispatching: queue events without sending them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatching paused; new events wait in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatching resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test event delivered to %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test event to %1 failed: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is still paused; enable it to resume deliveries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook %1 paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook %1 disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved; the new database location applies the next time Hookline starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We&amp;bhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refres&amp;h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eve&amp;nts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;nable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No example webhook could be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The example data needs a plain HTTP receiver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver that started uses HTTPS (Settings → New receivers). Start one without HTTPS in the Receivers tab, then load the examples again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Deli&amp;veries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is the whole loop: a signed event sent, received and verified. History shows every delivery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Hookline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created 1 example webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1 example webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and queued 1 event; watch it arrive in Receivers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and queued %1 events; watch them arrive in Receivers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::ReceivedRequestsModel</name>
    <message>
        <source>Recorded earlier; read back from the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::ReceiverHistoryClient</name>
    <message>
        <source>The database is not open yet; wait until it has opened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::ReceiverHost</name>
    <message>
        <source>This receiver is already running; stop it before starting it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::ReceiverListModel</name>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS, certificate SHA-256 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · 1 request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 verified · %2 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 recorded request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recorded requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Earlier · %2 · last %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::ReceiverStartDialog</name>
    <message>
        <source>Start a Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A receiver answers any method and path, checks each request&apos;s signature and shows it here as it arrives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>8787, or 0 for a free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1: only programs on this computer can send to the receiver (a tunnel such as ngrok forwards to it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept requests from other machines on this address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;HTTPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record each request in the database (earlier requests are shown when the receiver starts again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hookline&apos;s self-signed certificate for localhost and 127.0.0.1 (generated on first use, then kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My own certificate and private key (PEM files)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key (PEM, unencrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address: enter the address to listen on, such as 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address “%1” is not an IP address. Use 127.0.0.1 (this computer only), ::1, or 0.0.0.0 (every address).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address %1 does not belong to this computer. Use 127.0.0.1, or one of this computer&apos;s addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every address: other machines on your networks can send requests to this receiver and read its answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is reachable from other machines: they can send requests to this receiver and read its answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port: enter a port number from 1 to 65535, or 0 to let the system pick a free one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port “%1” is not a port number: enter 1 to 65535, or 0 to let the system pick a free one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 is already in use on %2 by another program or receiver. Choose another port, or 0 to let the system pick a free one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address %1 lets other machines reach the receiver: tick “Accept requests from other machines”, or use 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: choose the PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 does not exist; choose the PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 cannot be read; check its permissions or choose another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports below 1024 need administrator rights; choose 1024 or above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::ReceiversView</name>
    <message>
        <source>Receivers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Receiver…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a receiver on a port of your choice, HTTP or HTTPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the receiver and take it off the list; its recorded requests stay in the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receiver yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A receiver is a small web server on this computer. Point webhooks at it — from Hookline, or from a real provider through your own tunnel — and watch each request arrive with a verdict on its signature that explains itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start on 127.0.0.1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a plain-HTTP receiver on the default port, or the next free one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Receiver…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the Whole Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a receiver, register a test webhook pointing at it and send it a signed test event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Test Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a local-testing webhook pointing at this receiver, attach its secret here and send it a signed test event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate SHA-256:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification Snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty this list; recorded requests stay in the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is not open yet; wait until it has opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting a receiver on %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port: %1 to %2 on %3 are all in use. Choose another port with “Start Receiver…”, or change the default port in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver could not start (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1. Point a webhook at it, or click “Create Test Webhook”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating a test webhook for %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test webhook could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created the local-testing webhook “%1” (%2), attached its secret here and sent it a test %3 event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reused the local-testing webhook “%1” (%2), attached its secret here and sent it a test %3 event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dispatcher is running to deliver it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatching is paused: resume it (Ctrl+P) to deliver the event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a receiver first, then use the webhook&apos;s secrets to verify its requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not running · from an earlier session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a receiver at this address again; its earlier requests stay listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the receiver first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 request recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop listening; every answered request is written first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen again on the same address and port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 received · %2 verified · %3 failed verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 refused as malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for requests at %1 — any method, any path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recorded earlier (grey)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the list keeps the newest %1; older ones are in the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 arrived too fast to list (all recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused 1 malformed or oversized request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused %1 malformed or oversized requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; the last from %2: %3 (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: path, header, body, sender…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the requests containing every word typed here, in the method, path, query, status, verdict, sender address, a header or the body (not case-sensitive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only requests with this kind of signature verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response rules kept for %1 could not be used (%2: %3); it answers with the default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored the default answer last used at %1 (Responses tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored the response rule last used at %1 (Responses tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored the %1 response rules last used at %2 (Responses tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The listed request does not match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the %1 listed requests match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 of 1 request matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 of %1 requests matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 requests match, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>older ones are in the database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::RegistryClient</name>
    <message>
        <source>The database is not open yet; wait until it has opened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::RequestDetailView</name>
    <message>
        <source>Select a request to see its signature verdict, headers and body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Expected Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute the signature the attached secret gives this request, to compare with what the sender sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the body byte for byte, as it was signed, instead of indented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute the signature the attached secrets give this request, to compare with what the sender sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start this receiver and attach its secret to compute the expected signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary, %1; the first %2 as hex.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary, %1, as hex.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As received, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No expected value can be computed for this request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected and received signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON, indented; %1 as received.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::ResponseRulesEditor</name>
    <message>
        <source>Headers, line %1: write “Name: value” with a header name of letters, digits and - only (got “%2”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers, line %1: the value of %2 contains control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How this receiver answers, per path: simulate errors, slow answers and retries. The most specific path wins (an exact path before “/prefix/*”); everything else gets the default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/hooks/github, or /hooks/* for every path under /hooks/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text/plain when empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content &amp;type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line: Retry-After: 30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail the first N requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failure status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requests with status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fail the first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;pply to Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any other path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, first %1 get %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, after %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers every request no other rule matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content type: use a media type such as application/json, in ASCII without control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a receiver to set how it answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed; not applied yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the field marked in red, then apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1 (%2) has a problem; fix the field marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response rules applied to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In effect on %1: the default answers every request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In effect on %1: 1 path rule and the default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In effect on %1: %2 path rules and the default.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::SecretRevealDialog</name>
    <message>
        <source>Save your signing secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New signing secret for “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing secret for “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receivers use this secret to check that deliveries come from Hookline and were not changed on the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This secret will not be shown again. Store it in your password manager or your receiver&apos;s configuration now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous secret remains valid until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have stored the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::SendEventDialog</name>
    <message>
        <source>Send Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to search the event types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ystem:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the payload with the catalog&apos;s sample for this event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, comma-separated, e.g. 8f2c41, 9a1d07</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resource IDs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, e.g. https://api.example.com/people/8f2c41</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URI:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an event type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not in the catalog; pick a type from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All subscribed webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (system %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON: an empty object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON object with 1 field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON object with %1 fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an event type from the catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No enabled webhook subscribes to %1; nothing would be delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This webhook is not enabled; enable it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 will receive it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 enabled webhook will receive it: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 enabled webhooks will receive it: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is not a valid JSON object yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event was not sent. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::SettingsDialog</name>
    <message>
        <source>x-webhook-signature (Hookline default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard-webhooks (webhook-signature)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>github (X-Hub-Signature-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stripe (Stripe-Signature)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (deliveries are not signed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a database file, new or existing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use De&amp;fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the default location: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No age limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries older than this are deleted; 0 keeps them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep deliveries for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the newest deliveries up to this number are kept; 0 keeps any number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep at &amp;most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk replays send at most this many deliveries per second to each webhook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replay pace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older deliveries are deleted when you press OK and then once a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New receivers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port a new receiver listens on; the next free one is taken when it is busy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1 or ::1: this computer only. 0.0.0.0: every network this computer is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;HTTPS (self-signed certificate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Senders must trust or pin the receiver&apos;s certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature scheme the New Webhook form starts with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Signature scheme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System follows your desktop&apos;s style and colours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database file: enter a full path, such as %1, or leave it empty for the default location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database file: %1 is a folder; add a file name, such as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOOKLINE_DB is set, so Hookline opens %1 whatever this says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep deliveries for: enter a number of days from 0 (no age limit) to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep at most: enter a number of deliveries from 0 (no limit) to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay pace: enter deliveries per second from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port: enter a port number from 1 to 65535, such as 8787.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind address: enter an address, such as 127.0.0.1 (this computer only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind address: %1 is not an IP address; use 127.0.0.1 or ::1 (this computer only), or 0.0.0.0 (every network).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receivers bound to %1 accept requests from other computers on your network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports below %1 usually need administrator rights; a receiver may not be able to listen on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: the default location, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new location applies the next time Hookline starts; until then Hookline keeps using %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hookline uses %1 now, as --db asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> failures in a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A webhook whose deliveries fail this many times in a row is paused, and its status says why. 0: never pause.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause after:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::SnippetPanel</name>
    <message>
        <source>Verify these signatures in a receiver of your own: HMAC-SHA256 over the raw body bytes (never re-serialised JSON), compared in constant time. Each snippet is run by Hookline&apos;s tests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;cheme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snippet scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 snippet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1(%2) returns true when the request is authentic.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::TrayNotifier</name>
    <message>
        <source>&amp;Show Hookline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hookline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::VerdictStyle</name>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timestamp outside tolerance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body altered by re-encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secret for this scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timestamp %1 s old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timestamp %1 s ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header missing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header malformed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified with the secret %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body re-encoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::VerificationPanel</name>
    <message>
        <source>X-Webhook-Signature (Hookline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard Webhooks (webhook-signature)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GitHub (X-Hub-Signature-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stripe (Stripe-Signature)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each request is checked against the secrets below; it verifies when a secret of its scheme produced its signature. Typed secrets stay in memory only: they are never saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets and webhooks used for verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing attached yet: requests show as “Not checked”. Add the sender&apos;s signing secret below, or use a Hookline webhook&apos;s secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;cheme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sender&apos;s signing secret, e.g. whsec_…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, e.g. “GitHub production”: verdicts name it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a Hookline webhook&apos;s secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Its Secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its current secret, and after a rotation the previous one too until the overlap ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook: there is no webhook to choose; create one in the Webhooks tab first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current secret, and the previous one during a rotation overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret: paste the sender&apos;s signing secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret: it contains spaces or line breaks; paste the secret alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added secret “%1” (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook: start a receiver first, then use the webhook&apos;s secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying with the secrets of webhook “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::WebhookDetailsView</name>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token (stored encrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic (username and password stored encrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key in header %1 (value stored encrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom header %1 (value stored encrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a webhook to see its details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the webhook id to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned cert:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry attempts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last delivery:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local testing: plain http allowed on loopback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the first characters are kept visible; the full secret was shown once, when it was created or rotated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing delivered yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::WebhookDialog</name>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic (username and password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x-webhook-signature (Hookline default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard-webhooks (webhook-signature)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>github (X-Hub-Signature-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stripe (Stripe-Signature)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (deliveries are not signed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test event after creating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivers the first subscribed event&apos;s sample once. If the endpoint does not answer with 2xx, the webhook is paused with the reason, until you enable it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. CRM sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local testing (allow http:// on loopback)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allows plain http to 127.0.0.1, ::1 or localhost, for a receiver running on this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional SHA-256 fingerprint of a self-signed certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a local receiver with a self-signed certificate: 64 hex digits, colons allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pinned cert:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: what this endpoint does and who owns it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workspace this webhook belongs to. Each event can have at most %1 webhooks per system.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ystem:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No authentication header is sent; receivers verify the signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent as Ǌuthorization: Bearer …”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials are stored encrypted and never shown outside this form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sc&amp;heme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty to generate one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional. At least %1 characters without spaces. The secret is shown once after creation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry attempts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom header&amp;s:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Webhook — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many webhooks for this event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The webhook could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::WebhookListModel</name>
    <message>
        <source>%1 (+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active: events are delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: deliveries wait until the webhook is enabled again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled: nothing is delivered; pending deliveries were cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · no response</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::WebhookPickerDialog</name>
    <message>
        <source>Replay To Another Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send %1 again, as a new delivery signed with the chosen webhook&apos;s current secret. The original stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter webhooks by name or URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled: it receives nothing. Enable it in the Webhooks tab to replay to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: the replay waits until the webhook is enabled again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the original webhook)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the webhook to send to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::WebhookStatsChart</name>
    <message>
        <source>Attempts and latency chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No figures yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−%1 h</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hookline::WebhookStatsPanel</name>
    <message>
        <source>24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts and latency per hour, last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts and latency per day, last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours: …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days: …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 delivered of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · p50 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · p95 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours: not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days: not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
