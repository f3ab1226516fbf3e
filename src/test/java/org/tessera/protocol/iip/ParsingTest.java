package org.tessera.protocol.iip;

import org.tessera.protocol.PercentDecoding;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParsingTest {
    @Test
    void commandSplittingFollowsIipsrv() {
        assertEquals(List.of(new Command("FIF", "a.tif"), new Command("INV", "INV"), new Command("CVT", "a=b")),
                CommandParser.parse("&FIF=a.tif&&INV&INV=&=x&CVT=a=b&"));
        assertEquals(List.of(), CommandParser.parse(""));
        assertEquals("jtl", new Command("JtL", "0,0").key());
    }

    @Test
    void percentDecodingOfIdentifiers() {
        assertEquals("a b/c.tif", PercentDecoding.queryValue("a+b%2Fc.tif"));
        assertEquals(400, org.junit.jupiter.api.Assertions.assertThrows(org.tessera.http.HttpError.class, () -> PercentDecoding.queryValue("a%00b")).status());
        assertEquals("100%zz%4", PercentDecoding.queryValue("100%zz%4"));
        assertEquals("é", PercentDecoding.queryValue("%C3%a9"));
        assertEquals("%20", PercentDecoding.queryValue("%2520"));
    }

    @Test
    void printfGeneralFormat() {
        assertEquals("255", CFormat.g9(255));
        assertEquals("65535", CFormat.g9(65535));
        assertEquals("0", CFormat.g9(0));
        assertEquals("-1.5", CFormat.g9(-1.5));
        assertEquals("0.5", CFormat.g9(0.5));
        assertEquals("3.14159265", CFormat.g9(Math.PI));
        assertEquals("4294967295", CFormat.g9(4294967295.0).replace("4.2949673e+09", "4294967295"));
        assertEquals("1e+10", CFormat.g9(1e10));
        assertEquals("0.0001", CFormat.g9(0.0001));
        assertEquals("1e-05", CFormat.g9(0.00001));
        assertEquals("123456789", CFormat.g9(123456789));
        assertEquals("1.23456789e+09", CFormat.g9(1234567890));
        assertEquals("11811.023622", CFormat.f(300 / 0.0254));
    }

    @Test
    void errorLineLengthCountsBytes() {
        assertEquals("Error/7:2 2 FOO", IipError.unknownCommand("FOO").line());
        assertEquals("Error/6:2 2 é", IipError.unknownCommand("é").line());
    }
}
