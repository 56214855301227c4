using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StudentBase.PersonalData;

/// <summary>Log lines honour the one classification of personal data and secrets.</summary>
public static class PersonalDataInLogs
{
    /// <summary>The category that writes a line per request with its raw query string.</summary>
    public const string RequestLines = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Erases every value a log method's parameter classifies as personal data or a secret (Microsoft.Extensions.Compliance
    /// redaction). Request lines are left out of the logs below warnings: their query string may hold personal data (a roster
    /// searched by a name) that no classification marks; the traces record each request with its query values redacted.
    /// </summary>
    public static ILoggingBuilder RedactPersonalData(this ILoggingBuilder logging)
    {
        logging.Services.AddRedaction(redaction =>
            redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(DataClasses.PersonalData, DataClasses.Secret)));
        logging.EnableRedaction();
        logging.AddFilter(RequestLines, LogLevel.Warning);
        return logging;
    }
}
