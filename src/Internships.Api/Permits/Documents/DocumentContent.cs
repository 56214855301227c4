namespace Internships.Permits.Documents;

/// <summary>
/// The kinds of file a permit document may be, told from the content's first bytes (its signature), never from the file's
/// name or the type the client declares.
/// </summary>
public static class DocumentContent
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    /// <summary>The largest document accepted: a scanned passport or contract at a readable resolution.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public static readonly IReadOnlyList<string> Accepted = [Pdf, Jpeg, Png];

    private static readonly byte[] PdfSignature = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The media type the content really is, or null when it is none of those accepted.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> content) => content switch
    {
        _ when content.StartsWith(PdfSignature) && HasPdfEnd(content) => Pdf,
        _ when content.StartsWith(JpegSignature) && content.EndsWith((ReadOnlySpan<byte>)[0xFF, 0xD9]) => Jpeg,
        _ when content.StartsWith(PngSignature) => Png,
        _ => null,
    };

    public static string ExtensionOf(string contentType) => contentType switch
    {
        Pdf => ".pdf",
        Jpeg => ".jpg",
        _ => ".png",
    };

    /// <summary>A PDF ends with its end-of-file marker (within the last kilobyte: writers may add a line break or padding).</summary>
    private static bool HasPdfEnd(ReadOnlySpan<byte> content) => content[Math.Max(0, content.Length - 1024)..].IndexOf("%%EOF"u8) >= 0;
}
