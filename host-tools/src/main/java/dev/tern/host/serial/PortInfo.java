package dev.tern.host.serial;

/**
 * A serial port present on this machine, with what a user needs to pick one.
 *
 * @param device       the path to open, e.g. {@code /dev/ttyACM0}
 * @param vid          USB vendor id, 4 hex digits; null when not a USB port
 * @param pid          USB product id, 4 hex digits; null when not a USB port
 * @param manufacturer the USB device's manufacturer string, or null
 * @param product      the USB device's product string, or null
 * @param serialNumber the USB device's serial number, or null
 * @param usbInterface the USB interface number the port is on (a dual-channel bridge has two), or -1
 * @param description  what the port is when it is not USB, e.g. "16550A UART"; null for USB
 * @param likely       the board or adapter this likely is, or null when the VID:PID is not known
 */
public record PortInfo(String device, String vid, String pid, String manufacturer, String product,
        String serialNumber, int usbInterface, String description, UsbAdapters.Match likely) {

    /** {@code 0483:374b}, or null. */
    public String usbId() {
        return vid == null ? null : vid + ":" + pid;
    }
}
