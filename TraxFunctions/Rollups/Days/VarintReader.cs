namespace Trax.Rollups;

/// <summary>Reads what <see cref="VarintWriter"/> wrote (LEB128: 7 bits a byte, low first); anything malformed throws <see cref="FormatException"/>.</summary>
internal sealed class VarintReader(byte[] data, int at)
{
    public bool AtEnd => at == data.Length;

    public ulong Varint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Next();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return shift == 63 && b > 1 ? throw new FormatException("A varint beyond 64 bits.") : value;
            }
        }

        throw new FormatException("A varint beyond 64 bits.");
    }

    public UInt128 Varint128()
    {
        UInt128 value = 0;
        for (var shift = 0; shift < 128; shift += 7)
        {
            var b = Next();
            value |= (UInt128)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("A varint beyond 128 bits.");
    }

    /// <summary>A varint that must be at most <paramref name="max"/> (a count, an index, a length).</summary>
    public int Count(int max)
    {
        var value = Varint();
        return max < 0 || value > (ulong)max ? throw new FormatException($"{value} is over {max}.") : (int)value;
    }

    /// <summary><paramref name="length"/> UTF-16 units, a varint each.</summary>
    public string Text(int length)
    {
        if (length > data.Length - at)
        {
            throw new FormatException("A string past the end.");
        }

        var units = new char[length];
        for (var i = 0; i < length; i++)
        {
            units[i] = (char)Count(char.MaxValue);
        }

        return new string(units);
    }

    private byte Next() => at < data.Length ? data[at++] : throw new FormatException("Data ends inside a varint.");
}
