namespace Internships.BranchStations;

/// <summary>
/// The 18-character unified social credit code of a Chinese organisation (GB 32100-2015): 17 characters from a
/// 31-character alphabet (no I, O, Z, S, V) and a check character computed from them with fixed weights.
/// </summary>
public static class UnifiedSocialCreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static bool IsValid(string? code)
    {
        if (code is not { Length: 18 })
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(code[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return code[17] == Alphabet[check == 31 ? 0 : check];
    }
}
