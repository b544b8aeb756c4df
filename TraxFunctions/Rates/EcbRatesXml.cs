using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Trax.Input;

namespace Trax.Rates;

/// <summary>
/// Reads the ECB's euro foreign exchange reference rates (eurofxref-daily.xml, and the -hist-90d and -hist files of
/// the same shape): a <c>gesmes:Envelope</c> holding one <c>Cube</c>, which holds a <c>Cube time="2026-11-25"</c> per
/// day, each holding a <c>Cube currency="USD" rate="1.0823"</c> per currency, all per euro. Anything else (not XML, a
/// DTD, another shape, a bad code or rate anywhere) refuses the whole file: a file that is wrong in one place is not
/// trusted in the others.
/// </summary>
public static class EcbRatesXml
{
    public const string Base = "EUR";

    public static readonly XNamespace Gesmes = "http://www.gesmes.org/xml/2002-08-01";

    public static readonly XNamespace Eurofxref = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";

    private static readonly XmlReaderSettings Settings = new()
    {
        // No DTD, so no entity expansion and nothing fetched; the size is bounded by the caller.
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>Every day in the file, oldest first, or why the file was refused.</summary>
    public static (IReadOnlyList<DayRates> Days, Rejection? Rejection) Read(byte[] file, string source)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(file), Settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return ([], RateRejections.InvalidBody($"not XML ({ex.Message})"));
        }

        var root = document.Root!;
        if (root.Name != Gesmes + "Envelope")
        {
            return ([], RateRejections.InvalidBody($"the root element is <{Shown(root.Name.LocalName)}>, not the ECB's gesmes:Envelope."));
        }

        var outer = root.Elements(Eurofxref + "Cube").ToList();
        if (outer.Count != 1)
        {
            return ([], RateRejections.InvalidBody("the envelope must hold exactly one Cube element of the eurofxref vocabulary."));
        }

        var days = new List<DayRates>();
        foreach (var dayCube in outer[0].Elements())
        {
            if (dayCube.Name != Eurofxref + "Cube" || !DateOnly.TryParseExact((string?)dayCube.Attribute("time"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                || day < QueryReader.FirstDay || day > QueryReader.LastDay)
            {
                return ([], RateRejections.InvalidBody("each day is a <Cube time=\"YYYY-MM-DD\">."));
            }

            if (days.Any(d => d.Day == day))
            {
                return ([], RateRejections.InvalidBody($"{day:yyyy-MM-dd} is given twice."));
            }

            var entries = new List<(string, decimal?)>();
            foreach (var rateCube in dayCube.Elements())
            {
                if (rateCube.Name != Eurofxref + "Cube" || rateCube.Attribute("currency") is not { } currency || rateCube.Attribute("rate") is not { } rate)
                {
                    return ([], RateRejections.InvalidBody($"each rate of {day:yyyy-MM-dd} is a <Cube currency=\"USD\" rate=\"1.0823\"/>."));
                }

                entries.Add((currency.Value, RateValues.TryParse(rate.Value, out var value) ? value : null));
            }

            var (rates, rejection) = RateSet.Build(day, Base, entries, source);
            if (rejection is not null)
            {
                return ([], rejection with { Message = $"{day:yyyy-MM-dd}: {rejection.Message}" });
            }

            days.Add(rates!);
        }

        return ([.. days.OrderBy(d => d.Day)], null);
    }

    private static string Shown(string name) => InputValues.Printable(name, 64) ?? "";
}
